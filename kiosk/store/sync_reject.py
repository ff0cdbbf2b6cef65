"""Records of ours the township refused (sync_reject): kept for a manager, never dropped."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database


def keep(conn, record_id: str, terminal_id: str, seq: int, type: str, status: str, reason: str, at: str) -> None:
    conn.execute("INSERT OR IGNORE INTO sync_reject (record_id, terminal_id, seq, type, status,"
                 " reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (record_id, terminal_id, seq, type, status, reason, at))


def count(db: Database) -> int:
    return db.scalar("SELECT COUNT(*) FROM sync_reject")


def newest(db: Database, limit: int) -> list[sqlite3.Row]:
    return db.all("SELECT record_id, seq, type, status, reason, at FROM sync_reject ORDER BY at DESC, seq DESC"
                  " LIMIT ?", (limit,))


def _dealt_sql(actions: tuple[str, str]) -> str:
    """An audit row that dealt with the refused record r (the actions written in, never from outside)."""
    return (f"SELECT 1 FROM audit a WHERE a.target_type = 'sync_reject' AND a.action IN ('{actions[0]}', '{actions[1]}')"
            " AND a.target_id = r.terminal_id || ':' || r.seq")


def open_count(db: Database, actions: tuple[str, str]) -> int:
    """Refused records no audit row of `actions` has dealt with."""
    return db.scalar(f"SELECT COUNT(*) FROM sync_reject r WHERE NOT EXISTS ({_dealt_sql(actions)})")


def kept_aside(db: Database, actions: tuple[str, str], limit: int) -> list[sqlite3.Row]:
    """Open ones first, then newest first; `dealt` says which are done."""
    return db.all(f"SELECT r.*, EXISTS ({_dealt_sql(actions)}) AS dealt FROM sync_reject r"
                  " ORDER BY dealt, r.at DESC, r.seq DESC LIMIT ?", (limit,))


def last_dealt(db: Database, key: str, actions: tuple[str, str]) -> sqlite3.Row | None:
    """The latest audit row of `actions` about the refused record `key` (terminal:seq)."""
    return db.one("SELECT action, after, operator_name, at FROM audit WHERE target_type = 'sync_reject'"
                  " AND target_id = ? AND action IN (?, ?) ORDER BY seq DESC LIMIT 1", (key, *actions))


def find(db: Database, terminal_id: str, seq: int) -> sqlite3.Row | None:
    return db.one("SELECT * FROM sync_reject WHERE terminal_id = ? AND seq = ?", (terminal_id, seq))
