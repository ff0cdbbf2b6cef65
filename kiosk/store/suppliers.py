"""Suppliers and donors (供货方): who a delivery came from."""

from __future__ import annotations

import sqlite3

from kiosk.store import replica
from kiosk.store.db import Database

_COLUMNS = "id, name, kind, contact, active, created_at, updated_at"


def insert(conn: sqlite3.Connection, *, id, name, kind, contact, at) -> None:
    conn.execute(
        "INSERT INTO supplier (id, name, kind, contact, active, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, 1, ?, ?)", (id, name, kind, contact, at, at))


def update(conn: sqlite3.Connection, *, id, name, kind, contact, active, at) -> None:
    conn.execute(
        "UPDATE supplier SET name = ?, kind = ?, contact = ?, active = ?, updated_at = ? WHERE id = ?",
        (name, kind, contact, int(active), at, id))


def by_name(db: Database | sqlite3.Connection, name: str) -> sqlite3.Row | None:
    return db.execute(f"SELECT {_COLUMNS} FROM supplier WHERE name = ?", (name,)).fetchone()


def by_id(db: Database | sqlite3.Connection, supplier_id: str) -> sqlite3.Row | None:
    return db.execute(f"SELECT {_COLUMNS} FROM supplier WHERE id = ?", (supplier_id,)).fetchone()


def all_suppliers(db: Database, include_retired: bool = False) -> list[sqlite3.Row]:
    where = "" if include_retired else " WHERE active = 1"
    return db.all(f"SELECT {_COLUMNS} FROM supplier{where} ORDER BY kind, name")


# rows as sync receives them (from another counter, or the township), written column by column

RECEIVED_CHANGES = ("name", "kind", "contact", "active", "updated_at")


def insert_received(conn: sqlite3.Connection, row: dict) -> None:
    replica.insert(conn, "supplier", row)


def update_received(conn: sqlite3.Connection, row: dict) -> None:
    replica.update(conn, "supplier", "id", row, RECEIVED_CHANGES)
