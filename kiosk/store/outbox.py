"""What this terminal still has to send: its journal after a seq, and the bodies frozen in
sync_outbox the first time they were read (kiosk/sync/outbox.py makes the wire records)."""

from __future__ import annotations

import json
import sqlite3

from kiosk.store.db import Database


def local_terminal_id(db: Database) -> str:
    return db.scalar("SELECT value FROM meta WHERE key = 'terminal_id'")


def journal_after(db: Database, terminal_id: str, after: int, limit: int) -> list[sqlite3.Row]:
    return db.all("SELECT seq, record_type, record_id FROM journal WHERE terminal_id = ? AND seq > ?"
                  " ORDER BY seq LIMIT ?", (terminal_id, after, limit))


def frozen(db: Database, terminal_id: str, first: int, last: int) -> dict[int, sqlite3.Row]:
    """The frozen bodies of seqs first … last, by seq."""
    return {r["seq"]: r for r in db.all(
        "SELECT * FROM sync_outbox WHERE terminal_id = ? AND seq BETWEEN ? AND ?",
        (terminal_id, first, last))}


def freeze(conn, rows: list[tuple]) -> None:
    """(terminal_id, seq, id, type, body, sha256) rows; one already frozen stays as it was."""
    conn.executemany(
        "INSERT OR IGNORE INTO sync_outbox (terminal_id, seq, id, type, body, sha256)"
        " VALUES (?, ?, ?, ?, ?, ?)", rows)


def unfreeze(conn, terminal_id: str, seqs: list[int]) -> None:
    conn.executemany("DELETE FROM sync_outbox WHERE terminal_id = ? AND seq = ?", [(terminal_id, seq) for seq in seqs])


WRITTEN_OUTSIDE = "sync_outbox_written_outside"   # audit rows of frozen bodies the books contradicted


def found_written_outside(conn) -> list[tuple[str, str, str]]:
    """(when, record id, type) of every frozen body dropped as written outside the program, oldest first."""
    out = []
    # the action written out, not bound: only then may SQLite use the partial index (migration 0032)
    for at, target, after in conn.execute(f"SELECT at, target_id, after FROM audit WHERE action = '{WRITTEN_OUTSIDE}'"
                                          " ORDER BY seq").fetchall():
        try:
            kind = str(json.loads(after or "{}").get("type") or "")
        except (ValueError, AttributeError):
            kind = ""
        out.append((at, target, kind))
    return out


def forget_acknowledged(conn, terminal_id: str, high_water: int) -> None:
    conn.execute("DELETE FROM sync_outbox WHERE terminal_id = ? AND seq <= ?", (terminal_id, high_water))


def waiting(db: Database, terminal_id: str, after: int) -> int:
    return db.scalar("SELECT COUNT(*) FROM journal WHERE terminal_id = ? AND seq > ?",
                     (terminal_id, after))


def journaled_id(db: Database, terminal_id: str, seq: int, record_type: str) -> str | None:
    """The local row a journal seq names, when it is of `record_type`."""
    return db.scalar("SELECT record_id FROM journal WHERE terminal_id = ? AND seq = ? AND record_type = ?",
                     (terminal_id, seq, record_type))
