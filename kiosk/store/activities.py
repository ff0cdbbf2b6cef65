"""Recorded activities (活动记分): who took part, what each got, and the photo."""

from __future__ import annotations

import sqlite3

from kiosk.store import replica
from kiosk.store.db import Database


def insert(conn, *, id, rule_id, activity_date, note, people, recorded_by, terminal_id, at) -> None:
    conn.execute(
        "INSERT INTO activity (id, rule_id, activity_date, note, people, recorded_by, terminal_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (id, rule_id, activity_date, note, people, recorded_by, terminal_id, at))


def insert_line(conn, *, activity_id, line_no, resident_id, qty, points, entry_id, claim_id) -> None:
    conn.execute(
        "INSERT INTO activity_line (activity_id, line_no, resident_id, qty, points, entry_id, claim_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (activity_id, line_no, resident_id, qty, points, entry_id, claim_id))


def insert_photo(conn, *, activity_id, mime, width, height, data, sha256) -> None:
    conn.execute(
        "INSERT INTO activity_photo (activity_id, mime, width, height, data, sha256)"
        " VALUES (?, ?, ?, ?, ?, ?)", (activity_id, mime, width, height, data, sha256))


def photo(db: Database, activity_id: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM activity_photo WHERE activity_id = ?", (activity_id,))


def photo_of_record(db: Database, record_id: str) -> sqlite3.Row | None:
    """The photo of the activity that posted this entry or filed this claim, if any."""
    return db.one(
        "SELECT p.* FROM activity_line l JOIN activity_photo p ON p.activity_id = l.activity_id"
        " WHERE l.entry_id = ?1 OR l.claim_id = ?1 LIMIT 1", (record_id,))


def recent(db: Database, limit: int = 30) -> list[sqlite3.Row]:
    """The newest activities with their rule and recorder, and whether a photo was kept."""
    return db.all(
        "SELECT a.*, u.name AS rule_name, u.shape, o.name AS recorded_by_name,"
        " (SELECT SUM(points) FROM activity_line WHERE activity_id = a.id) AS total,"
        " EXISTS (SELECT 1 FROM activity_photo WHERE activity_id = a.id) AS has_photo"
        " FROM activity a JOIN rule u ON u.id = a.rule_id JOIN operator o ON o.id = a.recorded_by"
        " ORDER BY a.at DESC, a.rowid DESC LIMIT ?", (limit,))


def lines(db: Database, activity_id: str) -> list[sqlite3.Row]:
    return db.all(
        "SELECT l.*, r.name, h.house_no FROM activity_line l JOIN resident r ON r.id = l.resident_id"
        " JOIN household h ON h.id = r.household_id WHERE l.activity_id = ? ORDER BY l.line_no",
        (activity_id,))


# rows as sync receives them (from another counter, or the township), written column by column


def insert_received(conn, row: dict) -> None:
    replica.insert(conn, "activity", row)


def insert_received_line(conn, row: dict) -> None:
    replica.insert(conn, "activity_line", row)


def insert_received_photo(conn, row: dict) -> None:
    """The photo's data travels as base64."""
    replica.insert(conn, "activity_photo", row, blobs=("data",))
