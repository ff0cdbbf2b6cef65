"""复核 退回 at the counter: awards the township handed back, as tasks for the managers (0023)."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database


def listed(db: Database | sqlite3.Connection, open_only: bool = False) -> list[sqlite3.Row]:
    where = " WHERE done_at IS NULL" if open_only else ""
    return db.execute("SELECT id, household, hundredths, reason, returned_by, returned_at, done_at, done_by"
                      f" FROM review_task{where} ORDER BY done_at IS NOT NULL, returned_at DESC").fetchall()


def mark_done(conn: sqlite3.Connection, task_id: str, by: str, at: str) -> bool:
    return conn.execute("UPDATE review_task SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL",
                        (at, by, task_id)).rowcount == 1


# Written when a record from the township or another counter arrives (kiosk/sync/apply*.py).


def returned_award(conn, id: str, entry_id: object, account_id: object, household: str,
                   hundredths: object, reason: str, returned_by: str, returned_at: str) -> None:
    """复核 退回: a task for the managers, kept once."""
    conn.execute("INSERT OR IGNORE INTO review_task (id, entry_id, account_id, household, hundredths, reason,"
                 " returned_by, returned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (id, entry_id, account_id, household, hundredths, reason, returned_by, returned_at))
