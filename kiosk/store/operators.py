"""Operators (操作员): volunteers and managers, with hashed PINs."""

from __future__ import annotations

import json
import sqlite3

from kiosk.core.ids import new_id
from kiosk.store import journal
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


def insert(conn, *, id, name, role, pin_hash, at, known_to: list[str] | tuple[str, ...] = ()) -> None:
    """A new operator at PIN version 1, its PIN not its own (pin_own 0) and stamped anew (pin_set_id);
    `known_to`: the operators who may know the PIN it was given."""
    conn.execute(
        "INSERT INTO operator (id, name, role, pin_hash, created_at, pin_known_to, pin_version, pin_own,"
        " pin_set_id) VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?)",
        (id, name, role, pin_hash, at, _ids_text(known_to), new_id()),
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


def set_pin_hash(conn, operator_id: str, pin_hash: str, known_to: list[str] | tuple[str, ...],
                 own: bool = False) -> None:
    """A new PIN (its version counted, a new random stamp pin_set_id) also lifts a lockout;
    `known_to`: who may know it now; `own`: the operator changed their own PIN."""
    conn.execute("UPDATE operator SET pin_hash = ?, failed_pins = 0, locked_until = NULL, pin_known_to = ?,"
                 " pin_version = pin_version + 1, pin_own = ?, pin_set_id = ? WHERE id = ?",
                 (pin_hash, _ids_text(known_to), int(own), new_id(), operator_id))


def known_to(db, operator_id: str | None) -> list[str]:
    """The operators who may know this operator's PIN (who made or last reset it, and theirs)."""
    text = db.execute("SELECT pin_known_to FROM operator WHERE id = ?", (operator_id,)).fetchone() \
        if operator_id else None
    return [str(i) for i in json.loads(text[0])] if text else []


def names_of(db, operator_ids: list[str]) -> dict[str, str]:
    marks = ",".join("?" * len(operator_ids))
    return {r[0]: r[1] for r in db.execute(f"SELECT id, name FROM operator WHERE id IN ({marks})",
                                           tuple(operator_ids)).fetchall()}


def pin_is_own(db, operator_id: str) -> bool:
    """Whether the operator's current PIN is their own change (pin_own)."""
    row = db.one("SELECT pin_own FROM operator WHERE id = ?", (operator_id,))
    return bool(row and row[0])


def confirmed(conn, operator_id: str, pin_set_id: str) -> bool:
    """The township confirmed this manager's PIN set `pin_set_id`: if the PIN is still that one and
    the manager's own change (pin_own), nobody else is taken to know it any more, and the township
    hears so (a new version of the manager's record). False: another PIN since (a version number
    may repeat after a restore, a stamp does not), a PIN set by another, nobody else knew it, or no
    such operator here."""
    changed = conn.execute("UPDATE operator SET pin_known_to = '[]' WHERE id = ? AND pin_set_id = ?"
                           " AND pin_set_id <> '' AND pin_own = 1 AND pin_known_to <> '[]' AND role = 'manager'",
                           (operator_id, pin_set_id)).rowcount
    if changed:
        journal_manager(conn, operator_id)
    return changed > 0


def journal_manager(conn, operator_id: str) -> None:
    """A manager's record (name, link, PIN version and stamp, whether the PIN is their own, who may
    know it; never the PIN) for the township, whose clerk confirms the village's managers."""
    terminal = conn.execute("SELECT value FROM meta WHERE key = 'terminal_id'").fetchone()[0]
    journal.record(conn, terminal, "manager", operator_id)


def _ids_text(ids) -> str:
    return json.dumps(sorted(set(ids)))


def set_active(conn, operator_id: str, active: bool) -> None:
    conn.execute("UPDATE operator SET active = ? WHERE id = ?", (int(active), operator_id))


def active_managers(db) -> int:
    return db.execute("SELECT COUNT(*) FROM operator WHERE role = 'manager' AND active = 1").fetchone()[0]
