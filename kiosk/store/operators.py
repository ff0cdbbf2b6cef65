"""Operators (操作员): volunteers and managers, with hashed PINs."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database


def by_name(db: Database, name: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM operator WHERE name = ?", (name,))


def all_operators(db: Database) -> list[sqlite3.Row]:
    return db.all("SELECT id, name, role, active, locked_until FROM operator ORDER BY role DESC, name")


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
