"""Small helpers for applying another counter's records: who wrote last, and entries.

Text fields written on several counters are last-writer-wins by (stamp, terminal id):
the stamp is the row's `updated_at` (or the `changed_at` the outbox adds for tables
without one), the terminal id breaks ties so every counter picks the same winner.
Quantities are never decided here: balances and stock are sums of union-merged rows.
The rows themselves are written by kiosk.store (replica for received rows, ledger for entries).
"""

from __future__ import annotations

import sqlite3

from kiosk.core.entry_record import COLUMNS as ENTRY_COLUMNS
from kiosk.store import ledger, replica, sync_remote
from kiosk.store.sync_state import own_terminal
from kiosk.sync.wire import Record

TOWNSHIP = "township"
_ENTRY_REFERENCES = {"resident_id": "resident", "rule_id": "rule", "claim_id": "claim", "reverses_id": "entry"}


def stamp_of(row: dict) -> str:
    return str(row.get("updated_at") or row.get("changed_at") or "")


def last_writer(conn: sqlite3.Connection, record_type: str, key: str, row_id: str, stamp: str) -> str:
    """Who wrote the version held here: the counter whose applied record carried it, or us."""
    return sync_remote.applied_writer(conn, record_type, key, row_id, stamp) or own_terminal(conn)


def remote_wins(conn: sqlite3.Connection, record: Record, local_stamp: str, key: str = "id") -> bool:
    """True when the incoming version is later than the one held, by (stamp, terminal id)."""
    body, local_stamp = record.body, local_stamp or ""
    if stamp_of(body) != local_stamp:
        return stamp_of(body) > local_stamp
    return record.terminal_id > last_writer(conn, record.type, key, body[key], local_stamp)


def insert_entry(conn: sqlite3.Connection, body: dict) -> bool:
    """An entry made elsewhere: in once by id; False while its account is not here yet.

    It keeps its own terminal_id and is not journaled here: it is the other terminal's record."""
    if replica.exists(conn, "entry", body["id"]):
        return True
    if not replica.exists(conn, "account", body["account_id"]):
        return False
    values = {c: body.get(c) for c in ENTRY_COLUMNS}
    if not isinstance(values["hundredths"], int) or isinstance(values["hundredths"], bool):
        raise TypeError("points must be whole hundredths")
    for column, table in _ENTRY_REFERENCES.items():
        if not replica.exists(conn, table, values[column]):
            values[column] = None  # kept whole in sync_remote; not known on this terminal
    values["note"] = values["note"] or ""
    ledger.post(conn, ledger.NewEntry(**values), journaled=False)
    return True
