"""Village settings kept in the database (key → text)."""

from __future__ import annotations

from kiosk.store.db import Database


def get(db: Database, key: str) -> str | None:
    return db.scalar("SELECT value FROM setting WHERE key = ?", (key,))


def put(conn, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
