"""Changing households and their members: edits, moves, leaving, and the events that record them."""

from __future__ import annotations

import sqlite3

from kiosk.store import replica
from kiosk.store.db import Database

EDITABLE = ("name", "initials", "relation", "phone", "id_last4")


def update_resident(conn, resident_id: str, changes: dict[str, object], at: str) -> None:
    columns = [c for c in changes if c in EDITABLE]
    assert len(columns) == len(changes), f"not editable: {set(changes) - set(columns)}"
    sets = ", ".join(f"{c} = ?" for c in columns)
    conn.execute(f"UPDATE resident SET {sets}, updated_at = ? WHERE id = ?",
                 (*[changes[c] for c in columns], at, resident_id))


def set_household(conn, resident_id: str, household_id: str, relation: str, at: str) -> None:
    conn.execute("UPDATE resident SET household_id = ?, relation = ?, updated_at = ? WHERE id = ?",
                 (household_id, relation, at, resident_id))


def set_relation(conn, resident_id: str, relation: str, at: str) -> None:
    conn.execute("UPDATE resident SET relation = ?, updated_at = ? WHERE id = ?",
                 (relation, at, resident_id))


def set_status(conn, resident_id: str, status: str, at: str) -> None:
    conn.execute("UPDATE resident SET status = ?, updated_at = ? WHERE id = ?", (status, at, resident_id))


def household(db: Database | sqlite3.Connection, house_no: str) -> sqlite3.Row | None:
    """The household at a house number with its head's name, merged-away ones too."""
    return db.execute(
        "SELECT h.*, COALESCE(r.name, '') AS head_name FROM household h"
        " LEFT JOIN resident r ON r.id = h.head_id WHERE h.house_no = ?", (house_no,)).fetchone()


def household_by_id(db: Database | sqlite3.Connection, household_id: str) -> sqlite3.Row | None:
    return db.execute("SELECT * FROM household WHERE id = ?", (household_id,)).fetchone()


def members(db: Database | sqlite3.Connection, household_id: str) -> list[sqlite3.Row]:
    """Every member, the head first, then in the order they were registered."""
    return db.execute(
        "SELECT r.id, r.name, r.card_code, r.relation, r.status FROM resident r"
        " JOIN household h ON h.id = r.household_id WHERE r.household_id = ?"
        " ORDER BY COALESCE(r.id != h.head_id, 1), r.rowid", (household_id,)).fetchall()


def household_account(db: Database | sqlite3.Connection, household_id: str) -> sqlite3.Row | None:
    return db.execute(
        "SELECT a.id, a.hold_reason, COALESCE(b.hundredths, 0) AS balance FROM account a"
        " LEFT JOIN balance b ON b.account_id = a.id WHERE a.household_id = ?",
        (household_id,)).fetchone()


def resident_account(db: Database | sqlite3.Connection, resident_id: str) -> sqlite3.Row | None:
    return db.execute(
        "SELECT a.id, a.hold_reason, COALESCE(b.hundredths, 0) AS balance FROM account a"
        " LEFT JOIN balance b ON b.account_id = a.id WHERE a.resident_id = ?",
        (resident_id,)).fetchone()


def insert_event(conn, *, id, kind, terminal_id, at, resident_id=None, from_household_id=None,
                 to_household_id=None, status=None, hundredths=0, out_entry_id=None,
                 in_entry_id=None, note="", operator_id=None) -> None:
    conn.execute(
        "INSERT INTO household_event (id, kind, resident_id, from_household_id, to_household_id,"
        " status, hundredths, out_entry_id, in_entry_id, note, operator_id, terminal_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, kind, resident_id, from_household_id, to_household_id, status, hundredths,
         out_entry_id, in_entry_id, note, operator_id, terminal_id, at))


def events_of_household(db: Database, household_id: str, limit: int = 50) -> list[sqlite3.Row]:
    return db.all(
        "SELECT e.*, r.name AS resident_name, f.house_no AS from_house, t.house_no AS to_house"
        " FROM household_event e LEFT JOIN resident r ON r.id = e.resident_id"
        " LEFT JOIN household f ON f.id = e.from_household_id"
        " LEFT JOIN household t ON t.id = e.to_household_id"
        " WHERE e.from_household_id = ?1 OR e.to_household_id = ?1"
        " ORDER BY e.at DESC, e.rowid DESC LIMIT ?2", (household_id, limit))


def people_for_export(db: Database, include_left: bool) -> list[sqlite3.Row]:
    """Every resident with their household's house number and head, for the village's list."""
    return db.all(
        "SELECT h.house_no, COALESCE(head.name, '') AS head, r.name, r.relation, r.id_last4,"
        " r.phone, r.card_code, r.status FROM resident r JOIN household h ON h.id = r.household_id"
        " LEFT JOIN resident head ON head.id = h.head_id"
        " WHERE h.active = 1 AND (?1 OR r.status = 'active')"
        " ORDER BY h.house_no, COALESCE(r.id != h.head_id, 1), r.rowid", (int(include_left),))


def people_by_house(db: Database) -> dict[tuple[str, str], str]:
    """(house number, name) → card code of every resident still living here: for an import's checks."""
    rows = db.all("SELECT h.house_no, r.name, r.card_code FROM resident r"
                  " JOIN household h ON h.id = r.household_id WHERE r.status = 'active'")
    return {(row[0], row[1]): row[2] for row in rows}


def house_heads(db: Database) -> dict[str, str]:
    """House number → the head's name, for households that have one."""
    return dict(db.all("SELECT h.house_no, r.name FROM household h JOIN resident r ON r.id = h.head_id"
                       " WHERE r.status = 'active'"))


def card_codes(db: Database) -> set[str]:
    return {row[0] for row in db.all("SELECT card_code FROM resident UNION SELECT code FROM retired_card")}


def house_numbers(db: Database) -> set[str]:
    return {row[0] for row in db.all("SELECT house_no FROM household")}


# rows as sync receives them (from another counter, or the township), written column by column


def insert_received_event(conn, row: dict) -> None:
    replica.insert(conn, "household_event", row)
