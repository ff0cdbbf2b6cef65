"""The generic part of applying rows that came from the township or another counter of this
village: a row written by its column names, a township rule or product added or brought up to
date, the reads sync asks before it writes (exists, held, code_holder, receipt_taken), and the
savepoint each record is applied in.

Sync never writes a table through here itself: every table has one writer module, and the
received rows of a table are written by that module's own functions (people.insert_received_resident,
sales.insert_received_sale, rules.put_township_rule …), which use insert, update and
township_row below. Entries go in by kiosk.store.ledger.post, as the services post them.
tests/test_one_writer.py keeps it so.
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
