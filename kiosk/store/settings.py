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


CHANGE_ACTION = "setting.change"   # the audit row a change through the program writes (chained)
INIT_ACTION = "village.init"


def stored_now(conn) -> tuple[dict[str, str], sqlite3.Row | None]:
    """Every stored setting (key → text) and the village row, whose columns hold a few more."""
    texts = {row[0]: row[1] for row in conn.execute("SELECT key, value FROM setting").fetchall()}
    return texts, conn.execute("SELECT * FROM village LIMIT 1").fetchone()


def last_changes(conn) -> dict[str, str | None]:
    """key → the text the last change through the program set (its audit row, chained: an
    insider cannot forge or drop it unseen); None where that row cannot be read."""
    out: dict[str, str | None] = {}
    # the action written out, not bound: only then may SQLite use the partial index (migration 0032)
    for key, after in conn.execute(f"SELECT target_id, after FROM audit WHERE action = '{CHANGE_ACTION}'"
                                   " ORDER BY seq").fetchall():
        out[key] = _value(after, "value")
    return out


def set_at_start(conn, column: str) -> str | None:
    """What the village's creation set a village column to (its audit row), None if it does not say."""
    row = conn.execute(f"SELECT after FROM audit WHERE action = '{INIT_ACTION}' ORDER BY seq LIMIT 1").fetchone()
    return None if row is None else _value(row[0], column)


def _value(after: str | None, key: str) -> str | None:
    try:
        found = json.loads(after or "{}").get(key)
    except (ValueError, AttributeError):
        return None
    return None if found is None else str(int(found) if isinstance(found, bool) else found)
