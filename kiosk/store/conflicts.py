"""Whose household is whose, for 回避 (an operator deciding on their own household's points)."""

from __future__ import annotations

import sqlite3


def operator_household(db, operator_id: str | None) -> sqlite3.Row | None:
    """(household id, house number) of the resident an operator is, or None when not linked."""
    if not operator_id:
        return None
    return db.execute(
        "SELECT h.id AS id, h.house_no AS house_no FROM operator o"
        " JOIN resident r ON r.id = o.resident_id JOIN household h ON h.id = r.household_id"
        " WHERE o.id = ?", (operator_id,)).fetchone()


def operators_households(db, operator_ids: list[str]) -> list[sqlite3.Row]:
    """(operator id, operator name, household id, house number) of those operators who are linked."""
    if not operator_ids:
        return []
    marks = ",".join("?" * len(operator_ids))
    return db.execute(
        "SELECT o.id AS operator_id, o.name AS name, h.id AS id, h.house_no AS house_no FROM operator o"
        " JOIN resident r ON r.id = o.resident_id JOIN household h ON h.id = r.household_id"
        f" WHERE o.id IN ({marks})", tuple(operator_ids)).fetchall()


def household_of_account(db, account_id: str) -> str | None:
    """The household an account belongs to: its own, or its resident's."""
    row = db.execute(
        "SELECT COALESCE(a.household_id, r.household_id) FROM account a"
        " LEFT JOIN resident r ON r.id = a.resident_id WHERE a.id = ?", (account_id,)).fetchone()
    return row[0] if row else None


def operator_linked_to(db, resident_id: str) -> sqlite3.Row | None:
    return db.execute("SELECT id, name FROM operator WHERE resident_id = ?", (resident_id,)).fetchone()


def set_resident(conn, operator_id: str, resident_id: str | None) -> None:
    conn.execute("UPDATE operator SET resident_id = ? WHERE id = ?", (resident_id, operator_id))


def adjusted_between(db, account_id: str, start: str, end: str) -> int:
    """Hundredths adjusted on an account (either sign, reversals left out) with `at` in [start, end)."""
    return db.execute(
        "SELECT COALESCE(SUM(ABS(hundredths)), 0) FROM entry WHERE account_id = ? AND kind = 'adjust'"
        " AND reverses_id IS NULL AND at >= ? AND at < ?", (account_id, start, end)).fetchone()[0]
