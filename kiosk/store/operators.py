"""Operators (操作员): volunteers and managers, with hashed PINs."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database


def by_name(db: Database, name: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM operator WHERE name = ?", (name,))


def name_of(db: Database, operator_id: str | None) -> str | None:
    return db.scalar("SELECT name FROM operator WHERE id = ?", (operator_id,))


def all_operators(db: Database) -> list[sqlite3.Row]:
    return db.all(
        "SELECT o.id, o.name, o.role, o.active, o.locked_until, o.resident_id,"
        " r.name AS resident_name, r.card_code AS resident_card, h.house_no AS resident_house_no"
        " FROM operator o LEFT JOIN resident r ON r.id = o.resident_id"
        " LEFT JOIN household h ON h.id = r.household_id ORDER BY o.role DESC, o.name")


def insert(conn, *, id, name, role, pin_hash, at) -> None:
    conn.execute(
        "INSERT INTO operator (id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        (id, name, role, pin_hash, at),
    )


def record_failure(conn, operator_id: str, failed: int, locked_until: str | None) -> None:
    conn.execute(
        "UPDATE operator SET failed_pins = ?, locked_until = ? WHERE id = ?",
        (failed, locked_until, operator_id),
    )


def clear_failures(conn, operator_id: str) -> None:
    conn.execute(
        "UPDATE operator SET failed_pins = 0, locked_until = NULL WHERE id = ? AND failed_pins != 0",
        (operator_id,),
    )


def set_pin_hash(conn, operator_id: str, pin_hash: str) -> None:
    """A new PIN also lifts a lockout."""
    conn.execute("UPDATE operator SET pin_hash = ?, failed_pins = 0, locked_until = NULL WHERE id = ?",
                 (pin_hash, operator_id))


def set_active(conn, operator_id: str, active: bool) -> None:
    conn.execute("UPDATE operator SET active = ? WHERE id = ?", (int(active), operator_id))


def active_managers(db) -> int:
    return db.execute("SELECT COUNT(*) FROM operator WHERE role = 'manager' AND active = 1").fetchone()[0]
