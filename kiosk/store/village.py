"""The village and this terminal: one row each in a terminal's database."""

from __future__ import annotations

import json
import sqlite3

from kiosk.core.grades import GradeScale
from kiosk.store.db import Database


def the_village(db: Database) -> sqlite3.Row | None:
    return db.one("SELECT * FROM village LIMIT 1")


def local_terminal(db: Database) -> sqlite3.Row | None:
    return db.one(
        "SELECT t.* FROM terminal t JOIN meta m ON m.key = 'terminal_id' AND m.value = t.id"
    )


def terminal_name(db: Database, terminal_id: str) -> str | None:
    """What a counter is called ("收银台 1"), if this village knows it."""
    return db.scalar("SELECT name FROM terminal WHERE id = ?", (terminal_id,))


def grade_scale(row: sqlite3.Row) -> GradeScale | None:
    pairs = json.loads(row["grade_scale"] or "[]")
    return GradeScale.from_pairs(pairs) if pairs else None


def insert_village(conn, *, id, name, currency, account_mode, claim_review, grade_scale, at) -> None:
    conn.execute(
        "INSERT INTO village (id, name, currency, account_mode, claim_review, grade_scale, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (id, name, currency, account_mode, int(claim_review), json.dumps(grade_scale), at),
    )


def insert_terminal(conn, *, id, village_id, number, kind, name, at) -> None:
    conn.execute(
        "INSERT INTO terminal (id, village_id, number, kind, name, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (id, village_id, number, kind, name, at),
    )
    conn.execute("INSERT INTO meta (key, value) VALUES ('terminal_id', ?)", (id,))


def take_new_identity(conn, *, new_id: str, at: str) -> str:
    """This PC writes on as a new terminal (same village, number and name); returns the old id.

    Used after a restore: the restored journal is older than what the township may
    already hold from the old identity, so records born from now on must never reuse
    its sequence numbers.
    """
    old = conn.execute("SELECT value FROM meta WHERE key = 'terminal_id'").fetchone()[0]
    conn.execute(
        "INSERT INTO terminal (id, village_id, number, kind, name, created_at)"
        " SELECT ?, village_id, number, kind, name, ? FROM terminal WHERE id = ?", (new_id, at, old))
    conn.execute("UPDATE meta SET value = ? WHERE key = 'terminal_id'", (new_id,))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('sync.resume_from_server', '1')")
    return old
