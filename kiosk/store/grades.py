"""The village's grade table (信用等次), kept as JSON on the village row."""

from __future__ import annotations

import json
import sqlite3


def set_grade_scale(conn, village_id: str, rows: list[list[str]]) -> None:
    conn.execute("UPDATE village SET grade_scale = ? WHERE id = ?",
                 (json.dumps(rows, ensure_ascii=False), village_id))


def stored_year(db, year: int) -> dict[str, sqlite3.Row]:
    """The grades stored for `year` when it ended, by household id (empty: not stored)."""
    return {row["household_id"]: row for row in db.execute(
        "SELECT * FROM year_grade WHERE year = ?", (year,)).fetchall()}


def store_year(conn, year: int, rows: list[tuple[str, int, str, str]], at: str) -> None:
    """(household id, score, grade, perks) for `year`; a year already stored is left as it is."""
    conn.executemany(
        "INSERT OR IGNORE INTO year_grade (household_id, year, score, grade, perks, stored_at)"
        " VALUES (?, ?, ?, ?, ?, ?)", [(h, year, score, grade, perks, at) for h, score, grade, perks in rows])
