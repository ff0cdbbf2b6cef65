"""Reading what a record refused by the township names, to tell a manager in words
(kiosk/services/sync/kept_words.py): whose it is, which goods, the row itself."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database

_TABLE_KEYS = {"product_picture": "product_id"}


def resident_name(db: Database, resident_id: str) -> str | None:
    return db.scalar("SELECT name FROM resident WHERE id = ?", (resident_id,))


def account_holder(db: Database, account_id: str) -> sqlite3.Row | None:
    """(resident_id, house_no) of an account: a resident's own, or a household's."""
    return db.one("SELECT a.resident_id, h.house_no FROM account a LEFT JOIN household h ON h.id = a.household_id"
                  " WHERE a.id = ?", (account_id,))


def product_name(db: Database, product_id: str) -> str | None:
    return db.scalar("SELECT name FROM product WHERE id = ?", (product_id,))


def sale_lines(db: Database, sale_id: str) -> list[sqlite3.Row]:
    return db.all("SELECT name, qty FROM sale_line WHERE sale_id = ? ORDER BY line_no", (sale_id,))


def row_of(db: Database, record_type: str, record_id: str) -> sqlite3.Row | None:
    """The local row of a record type (its table has the type's name; the caller knows the type)."""
    return db.one(f"SELECT * FROM {record_type} WHERE {_TABLE_KEYS.get(record_type, 'id')} = ?", (record_id,))
