"""Claims (申报): requests for points waiting for a manager's review."""

from __future__ import annotations

import sqlite3

from kiosk.store import journal
from kiosk.store.db import Database
from kiosk.store.text import escape_like

_SELECT = (
    "SELECT c.*, r.name AS resident_name, h.house_no, u.name AS rule_name,"
    " o.name AS filed_by_name FROM claim c JOIN resident r ON r.id = c.resident_id"
    " JOIN household h ON h.id = r.household_id JOIN rule u ON u.id = c.rule_id"
    " JOIN operator o ON o.id = c.filed_by"
)


def insert(conn, *, id, resident_id, account_id, rule_id, qty, points, note, activity_date,
           filed_by, filed_at, terminal_id) -> None:
    conn.execute(
        "INSERT INTO claim (id, resident_id, account_id, rule_id, qty, points, note,"
        " activity_date, filed_by, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, resident_id, account_id, rule_id, qty, points, note, activity_date, filed_by, filed_at),
    )
    journal.record(conn, terminal_id, "claim", id)


def decide(conn, *, id, status, decided_by, decided_at, reason, entry_id, terminal_id) -> None:
    conn.execute(
        "UPDATE claim SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?,"
        " entry_id = ? WHERE id = ? AND status = 'pending'",
        (status, decided_by, decided_at, reason, entry_id, id),
    )
    journal.record(conn, terminal_id, "claim", id)


def find(db: Database, ref: str) -> list[sqlite3.Row]:
    """A claim by its id or the id's last characters (as printed on lists)."""
    return db.all(f"{_SELECT} WHERE c.id = ? OR c.id LIKE ? ESCAPE '\\' LIMIT 5",
                  (ref, f"%{escape_like(ref)}"))


def listing(db: Database, status: str | None = "pending", limit: int = 500) -> list[sqlite3.Row]:
    where = " WHERE c.status = ?" if status else ""
    params = (status, limit) if status else (limit,)
    return db.all(f"{_SELECT}{where} ORDER BY c.filed_at, c.id LIMIT ?", params)
