"""The township's villages as this counter last learnt them (the 外村村民 window's list)."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database


def listed(db: Database | sqlite3.Connection) -> list[sqlite3.Row]:
    return db.execute("SELECT id, name, currency FROM township_village ORDER BY name").fetchall()


def name_of(db: Database | sqlite3.Connection, village_id: str) -> str | None:
    row = db.execute("SELECT name FROM township_village WHERE id = ?", (village_id,)).fetchone()
    return row[0] if row else None


def replace(conn: sqlite3.Connection, villages: list[tuple[str, str, str]], at: str) -> bool:
    """The list as the township gave it, (id, name, currency) each; False when nothing changed."""
    known = [tuple(row) for row in listed(conn)]
    if known == sorted(villages, key=lambda v: v[1]):
        return False
    conn.execute("DELETE FROM township_village")
    conn.executemany("INSERT INTO township_village (id, name, currency, learned_at) VALUES (?, ?, ?, ?)",
                     [(*village, at) for village in villages])
    return True
