"""House numbers when two counters made the same one offline (kiosk/sync/house_clash.py
decides; these read and rename households and find the notes it left)."""

from __future__ import annotations

import sqlite3


def open_clashes_sql(target_type: str) -> str:
    """Written into the SQL, not bound, so the partial index audit_house_clash (migration 0013) serves it."""
    return ("SELECT a.target_id, json_extract(a.after, '$.kept_by'), MAX(a.at) FROM audit a"
            f" WHERE a.target_type = '{target_type}' AND a.action = ? GROUP BY a.target_id"
            " ORDER BY MAX(a.at)")


def holder(conn: sqlite3.Connection, house_no: str, other_than: str) -> str | None:
    """The household other than `other_than` that has this number."""
    row = conn.execute("SELECT id FROM household WHERE house_no = ? AND id != ?", (house_no, other_than)).fetchone()
    return None if row is None else row[0]


def rename(conn: sqlite3.Connection, household_id: str, house_no: str) -> None:
    conn.execute("UPDATE household SET house_no = ? WHERE id = ? AND house_no != ?",
                 (house_no, household_id, house_no))


def number_of(conn: sqlite3.Connection, household_id: str) -> str:
    return conn.execute("SELECT house_no FROM household WHERE id = ?", (household_id,)).fetchone()[0]


def notes(db, target_type: str, action: str) -> list[tuple]:
    """(younger household, older household, at) of every clash noted, oldest first."""
    return db.execute(open_clashes_sql(target_type), (action,)).fetchall()


def pair(db, one: str, other: str) -> dict[str, tuple]:
    """(id, house_no, active) of the two households, by id."""
    return {r[0]: r for r in db.execute("SELECT id, house_no, active FROM household WHERE id IN (?, ?)",
                                        (one, other)).fetchall()}
