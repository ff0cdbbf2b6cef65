"""Ledger lookups for corrections: finding an entry, its reversal, offences that still count."""

from __future__ import annotations

import sqlite3

from kiosk.core.kinds import REVOCABLE, REVOKING
from kiosk.store.db import Database
from kiosk.store.text import escape_like, quoted

# The kinds a revocation posts (and so the kinds that make an entry "revoked"): kiosk.core.kinds.
_REVERSAL = f"kind IN {quoted(REVOKING)}"

_ENTRY = (
    "SELECT e.*, r.name AS resident_name, h.house_no, COALESCE(e.version_name, u.name) AS rule_name, COALESCE(e.version_shape, u.shape) AS shape,"
    " o.name AS operator_name FROM entry e LEFT JOIN resident r ON r.id = e.resident_id"
    " LEFT JOIN household h ON h.id = r.household_id LEFT JOIN rule u ON u.id = e.rule_id"
    " LEFT JOIN operator o ON o.id = e.operator_id"
)


def find_entries(db: Database, ref: str, limit: int = 5) -> list[sqlite3.Row]:
    """Entries whose id is `ref` or ends with it (lists show the last 6 characters)."""
    exact = db.all(f"{_ENTRY} WHERE e.id = ?", (ref,))
    if exact or len(ref) < 4:
        return exact
    return db.all(f"{_ENTRY} WHERE e.id LIKE ? ESCAPE '\\' ORDER BY e.at DESC LIMIT ?",
                  (f"%{escape_like(ref)}", limit))


def entry(db: Database, entry_id: str) -> sqlite3.Row | None:
    return db.one(f"{_ENTRY} WHERE e.id = ?", (entry_id,))


def reversal_of(db: Database | sqlite3.Connection, entry_id: str) -> sqlite3.Row | None:
    """The entry that revoked this one, if any."""
    return db.execute(
        f"SELECT * FROM entry WHERE reverses_id = ? AND {_REVERSAL} ORDER BY at LIMIT 1",
        (entry_id,)).fetchone()


def offences_since(db: Database, resident_id: str, rule_id: str, since: str) -> int:
    """Entries under a rule since a day that still stand: neither revoked nor a revocation."""
    return db.scalar(
        "SELECT COUNT(*) FROM entry e WHERE e.resident_id = ? AND e.rule_id = ?"
        " AND e.activity_date >= ? AND e.reverses_id IS NULL"
        f" AND NOT EXISTS (SELECT 1 FROM entry x WHERE x.reverses_id = e.id AND x.{_REVERSAL})",
        (resident_id, rule_id, since))


def recent(db: Database, limit: int = 100) -> list[sqlite3.Row]:
    """The newest awards, deductions and adjustments, with whether each was revoked."""
    return db.all(
        f"{_ENTRY.replace('SELECT e.*,', 'SELECT e.*, x.id AS reversal_id,')}"
        f" LEFT JOIN entry x ON x.reverses_id = e.id AND x.{_REVERSAL}"
        f" WHERE e.kind IN {quoted(REVOCABLE)} ORDER BY e.at DESC, e.rowid DESC LIMIT ?",
        (limit,))
