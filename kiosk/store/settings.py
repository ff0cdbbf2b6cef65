"""Village settings kept in the database (key → text)."""

from __future__ import annotations

import json
import sqlite3

from kiosk.store.db import Database


def get(db: Database, key: str) -> str | None:
    return db.scalar("SELECT value FROM setting WHERE key = ?", (key,))


def put(conn, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


# The audit rows (chained: an insider cannot forge or drop them unseen) that set a setting:
# the village's creation, a change of a setting, a new grade table.
SET_BY = "action IN ('village.init', 'setting.change', 'grades.set')"


def stored_now(conn) -> tuple[dict[str, str], sqlite3.Row | None]:
    """Every stored setting (key → text) and the village row, whose columns hold a few more."""
    texts = {row[0]: row[1] for row in conn.execute("SELECT key, value FROM setting").fetchall()}
    return texts, conn.execute("SELECT * FROM village LIMIT 1").fetchone()


def set_by_program(conn) -> list[tuple[str, str, dict]]:
    """(action, target, what it set) of every audit row that set a setting, oldest first."""
    out = []
    # written out, not bound: only then may SQLite use the partial index (migration 0032)
    for action, target, after in conn.execute(f"SELECT action, target_id, after FROM audit WHERE {SET_BY}"
                                              " ORDER BY seq").fetchall():
        try:
            found = json.loads(after or "{}")
        except ValueError:
            found = {}
        out.append((action, target, found if isinstance(found, dict) else {}))
    return out
