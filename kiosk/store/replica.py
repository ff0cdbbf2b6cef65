"""Writing rows that came from the township or another counter of this village (kiosk/sync
applies them): a row of any table by its column names, and the few changes a received
record makes to rows already here. Entries go through kiosk.store.ledger like every other.
"""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Callable

_columns: dict[str, tuple[str, ...]] = {}


def columns(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    if table not in _columns:
        _columns[table] = tuple(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))
    return _columns[table]


def exists(conn: sqlite3.Connection, table: str, value: object, key: str = "id") -> bool:
    return value is not None and conn.execute(
        f"SELECT 1 FROM {table} WHERE {key} = ?", (value,)).fetchone() is not None


def held(conn: sqlite3.Connection, table: str, fields: tuple[str, ...], value: object,
         key: str = "id") -> sqlite3.Row | None:
    """The named fields of the row held here, or None."""
    return conn.execute(f"SELECT {', '.join(fields)} FROM {table} WHERE {key} = ?", (value,)).fetchone()


def insert(conn: sqlite3.Connection, table: str, row: dict, blobs: tuple[str, ...] = (),
           **override: object) -> None:
    """Insert the columns of `table` found in `row` (a foreign key not yet here raises)."""
    values = {c: row[c] for c in columns(conn, table) if c in row}
    values.update(override)
    for name in blobs:
        if isinstance(values.get(name), str):
            values[name] = base64.b64decode(values[name])
    names = ", ".join(values)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(values))})",
                 tuple(values.values()))


def update(conn: sqlite3.Connection, table: str, key: str, row: dict, fields: tuple[str, ...],
           blobs: tuple[str, ...] = ()) -> None:
    present = [f for f in fields if f in row]
    values = [base64.b64decode(row[f]) if f in blobs and isinstance(row[f], str) else row[f] for f in present]
    sets = ", ".join(f"{f} = ?" for f in present)
    conn.execute(f"UPDATE {table} SET {sets} WHERE {key} = ?", (*values, row[key]))


def local_village(conn: sqlite3.Connection) -> str:
    return conn.execute("SELECT id FROM village ORDER BY created_at LIMIT 1").fetchone()[0]


def receipt_taken(conn: sqlite3.Connection, table: str, receipt: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE receipt = ?", (receipt,)).fetchone() is not None


def zero_balance(conn: sqlite3.Connection, account_id: str) -> None:
    conn.execute("INSERT OR IGNORE INTO balance (account_id, hundredths) VALUES (?, 0)", (account_id,))


def empty_stock(conn: sqlite3.Connection, product_id: str) -> None:
    conn.execute("INSERT OR IGNORE INTO stock (product_id, qty) VALUES (?, 0)", (product_id,))


def barcode(conn: sqlite3.Connection, code: str, product_id: str) -> None:
    conn.execute("INSERT OR IGNORE INTO barcode (code, product_id) VALUES (?, ?)", (code, product_id))


def retire_card(conn: sqlite3.Connection, code: str, resident_id: str, reason: str, at: str | None) -> None:
    """Retired cards are a growing set: a code already retired stays as it was."""
    conn.execute("INSERT OR IGNORE INTO retired_card (code, resident_id, reason, retired_at)"
                 " VALUES (?, ?, ?, ?)", (code, resident_id, reason, at))


def retired_codes(conn: sqlite3.Connection, resident_id: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT code FROM retired_card WHERE resident_id = ?", (resident_id,))}


def settle_card(conn: sqlite3.Connection, resident_id: str, code: str) -> None:
    conn.execute("UPDATE resident SET card_code = ? WHERE id = ? AND card_code != ?", (code, resident_id, code))


def credit_claim(conn: sqlite3.Connection, claim_id: str, entry_id: str) -> None:
    """A claim is credited once: the first entry named stays."""
    conn.execute("UPDATE claim SET entry_id = ? WHERE id = ? AND entry_id IS NULL", (entry_id, claim_id))


def set_hold(conn: sqlite3.Connection, account_id: str, reason: str | None) -> bool:
    """The township's hold on an account (None releases it); False when the account is not here."""
    return conn.execute("UPDATE account SET hold_reason = ? WHERE id = ?", (reason, account_id)).rowcount == 1


def release_hold(conn: sqlite3.Connection, account_id: str) -> bool:
    return conn.execute("UPDATE account SET hold_reason = NULL WHERE id = ?", (account_id,)).rowcount == 1


def township_price(conn: sqlite3.Connection, price: int, product_id: object, code: object) -> bool:
    return conn.execute("UPDATE product SET price = ? WHERE owner = 'township' AND (id = ? OR code = ?)",
                        (price, product_id, code)).rowcount == 1


def returned_award(conn: sqlite3.Connection, id: str, entry_id: object, account_id: object, household: str,
                   hundredths: object, reason: str, returned_by: str, returned_at: str) -> None:
    """复核 退回: a task for the managers, kept once."""
    conn.execute("INSERT OR IGNORE INTO review_task (id, entry_id, account_id, household, hundredths, reason,"
                 " returned_by, returned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (id, entry_id, account_id, household, hundredths, reason, returned_by, returned_at))


def code_holder(conn: sqlite3.Connection, table: str, code: str) -> sqlite3.Row | None:
    """(id, owner) of the rule or product that uses `code`."""
    return conn.execute(f"SELECT id, owner FROM {table} WHERE code = ?", (code,)).fetchone()


def township_row(conn: sqlite3.Connection, table: str, fields: tuple[str, ...], values: list) -> None:
    """A township rule or product, added or brought up to date (owner 'township')."""
    names = ", ".join(fields)
    updates = ", ".join(f"{c} = excluded.{c}" for c in fields if c != "id")
    conn.execute(f"INSERT INTO {table} ({names}, owner) VALUES ({', '.join('?' * len(fields))}, 'township')"
                 f" ON CONFLICT(id) DO UPDATE SET {updates}", values)


def applied_or_undone(conn: sqlite3.Connection, work: Callable[[], object],
                      forgiven: tuple[type[BaseException], ...]) -> bool:
    """Run `work` in a savepoint: its answer, or False with its writes undone when it raises
    one of `forgiven` (any other error goes up to the caller's transaction)."""
    conn.execute("SAVEPOINT one_record")
    try:
        done = bool(work())
    except forgiven:
        conn.execute("ROLLBACK TO one_record")
        done = False
    conn.execute("RELEASE one_record")
    return done
