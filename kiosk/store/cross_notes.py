"""SQL for the notes of 积分互认 a background round closed (cross_note): kept until acknowledged.

The one writer of cross_note. Local to this PC, never synced.
"""

from __future__ import annotations

import json
import sqlite3

from kiosk.store.db import Database


def add(conn: sqlite3.Connection, note_id: str, pending_id: str, outcome: str, code: str, params: dict[str, str],
        at: str) -> None:
    """In the transaction that closes the exchange; one note of each kind an exchange (a second adds none)."""
    conn.execute("INSERT OR IGNORE INTO cross_note (id, pending_id, outcome, code, params, noted_at)"
                 " VALUES (?, ?, ?, ?, ?, ?)",
                 (note_id, pending_id, outcome, code, json.dumps(params, ensure_ascii=False, sort_keys=True), at))


def unseen(db: Database) -> list[sqlite3.Row]:
    """Notes nobody acknowledged yet, oldest first, with their exchange's receipt, card, amount and village."""
    return db.all("SELECT n.id, n.pending_id, n.outcome, n.code, n.params, p.receipt, p.card_code, p.amount,"
                  " p.home_village_id FROM cross_note n JOIN cross_pending p ON p.id = n.pending_id"
                  " WHERE n.seen_at IS NULL ORDER BY n.noted_at, n.rowid")


def note(db: Database | sqlite3.Connection, note_id: str) -> sqlite3.Row | None:
    return db.execute("SELECT n.*, p.receipt FROM cross_note n JOIN cross_pending p ON p.id = n.pending_id"
                      " WHERE n.id = ?", (note_id,)).fetchone()


def mark_seen(conn: sqlite3.Connection, note_id: str, operator_id: str, at: str) -> bool:
    """Acknowledged by `operator_id` at `at`; False when someone had already (the first one stays)."""
    return conn.execute("UPDATE cross_note SET seen_by = ?, seen_at = ? WHERE id = ? AND seen_at IS NULL",
                        (operator_id, at, note_id)).rowcount == 1
