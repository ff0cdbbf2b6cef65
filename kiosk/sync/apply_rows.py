"""Small helpers for applying another counter's records: rows, stamps, who wrote last.

Text fields written on several counters are last-writer-wins by (stamp, terminal id):
the stamp is the row's `updated_at` (or the `changed_at` the outbox adds for tables
without one), the terminal id breaks ties so every counter picks the same winner.
Quantities are never decided here: balances and stock are sums of union-merged rows.
"""

from __future__ import annotations

import base64
import sqlite3

from kiosk.sync.wire import Record

TOWNSHIP = "township"
_columns: dict[str, tuple[str, ...]] = {}


def columns(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    if table not in _columns:
        _columns[table] = tuple(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))
    return _columns[table]


def exists(conn: sqlite3.Connection, table: str, value: object, key: str = "id") -> bool:
    return value is not None and conn.execute(
        f"SELECT 1 FROM {table} WHERE {key} = ?", (value,)).fetchone() is not None


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


def own_terminal(conn: sqlite3.Connection) -> str:
    """This PC's name at the township: what the other counters see on its records."""
    row = conn.execute("SELECT terminal_id, local_terminal_id FROM sync_state WHERE id = 1").fetchone()
    return row[0] or row[1] or ""


def stamp_of(row: dict) -> str:
    return str(row.get("updated_at") or row.get("changed_at") or "")


def last_writer(conn: sqlite3.Connection, record_type: str, key: str, row_id: str, stamp: str) -> str:
    """Who wrote the version held here: the counter whose applied record carried it, or us."""
    found = conn.execute(
        "SELECT terminal_id FROM sync_remote WHERE type = ? AND applied = 1"
        f" AND json_extract(body, '$.{key}') = ?"
        " AND COALESCE(json_extract(body, '$.updated_at'), json_extract(body, '$.changed_at'), '') = ?"
        " ORDER BY terminal_id DESC LIMIT 1", (record_type, row_id, stamp)).fetchone()
    return found[0] if found else own_terminal(conn)


def remote_wins(conn: sqlite3.Connection, record: Record, local_stamp: str, key: str = "id") -> bool:
    """True when the incoming version is later than the one held, by (stamp, terminal id)."""
    body, local_stamp = record.body, local_stamp or ""
    if stamp_of(body) != local_stamp:
        return stamp_of(body) > local_stamp
    return record.terminal_id > last_writer(conn, record.type, key, body[key], local_stamp)

ENTRY_COLUMNS = ("id", "account_id", "resident_id", "kind", "hundredths", "rule_id", "qty", "claim_id",
                 "sale_id", "refund_id", "reverses_id", "note", "operator_id", "terminal_id",
                 "activity_date", "at", "rule_version", "version_name", "version_points", "version_shape",
                 "version_unit")
_ENTRY_REFERENCES = {"resident_id": "resident", "rule_id": "rule", "claim_id": "claim", "reverses_id": "entry"}


def insert_entry(conn: sqlite3.Connection, body: dict) -> bool:
    """An entry made elsewhere: in once by id; False while its account is not here yet."""
    if exists(conn, "entry", body["id"]):
        return True
    if not exists(conn, "account", body["account_id"]):
        return False
    values = {c: body.get(c) for c in ENTRY_COLUMNS}
    if not isinstance(values["hundredths"], int) or isinstance(values["hundredths"], bool):
        raise TypeError("points must be whole hundredths")
    for column, table in _ENTRY_REFERENCES.items():
        if not exists(conn, table, values[column]):
            values[column] = None  # kept whole in sync_remote; not known on this terminal
    values["note"] = values["note"] or ""
    conn.execute(f"INSERT INTO entry ({', '.join(ENTRY_COLUMNS)}) VALUES ({', '.join('?' * len(ENTRY_COLUMNS))})",
                 tuple(values[c] for c in ENTRY_COLUMNS))
    return True
