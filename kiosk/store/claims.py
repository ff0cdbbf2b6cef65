"""Claims (申报): requests for points waiting for a manager's review."""

from __future__ import annotations

import sqlite3

from kiosk.store import journal, replica
from kiosk.store.db import Database
from kiosk.store.text import escape_like

_SELECT = (
    "SELECT c.*, r.name AS resident_name, h.house_no, COALESCE(c.version_name, u.name) AS rule_name, COALESCE(c.version_shape, u.shape) AS shape,"
    " o.name AS filed_by_name, EXISTS (SELECT 1 FROM objection x WHERE x.claim_id = c.id"
    " AND x.status = 'upheld') AS withheld FROM claim c JOIN resident r ON r.id = c.resident_id"
    " JOIN household h ON h.id = r.household_id JOIN rule u ON u.id = c.rule_id"
    " JOIN operator o ON o.id = c.filed_by"
)


def insert(conn, *, id, resident_id, account_id, rule_id, qty, points, note, activity_date,
           filed_by, filed_at, terminal_id, version: dict | None = None) -> None:
    """`version`: the rule version filed under (kiosk.store.rules.version_fields)."""
    kept = version or {}
    conn.execute(
        "INSERT INTO claim (id, resident_id, account_id, rule_id, qty, points, note,"
        " activity_date, filed_by, filed_at, rule_version, version_name, version_points, version_shape,"
        " version_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, resident_id, account_id, rule_id, qty, points, note, activity_date, filed_by, filed_at,
         kept.get("rule_version"), kept.get("version_name"), kept.get("version_points"),
         kept.get("version_shape"), kept.get("version_unit")),
    )
    journal.record(conn, terminal_id, "claim", id)


def decide(conn, *, id, status, decided_by, decided_at, reason, entry_id, terminal_id) -> None:
    conn.execute(
        "UPDATE claim SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?,"
        " entry_id = ? WHERE id = ? AND status = 'pending'",
        (status, decided_by, decided_at, reason, entry_id, id),
    )
    journal.record(conn, terminal_id, "claim", id)


def find(db: Database, ref: str) -> list[sqlite3.Row]:
    """A claim by its id or the id's last characters (as printed on lists)."""
    return db.all(f"{_SELECT} WHERE c.id = ? OR c.id LIKE ? ESCAPE '\\' LIMIT 5",
                  (ref, f"%{escape_like(ref)}"))


def listing(db: Database, status: str | None = "pending", limit: int = 500) -> list[sqlite3.Row]:
    where = " WHERE c.status = ?" if status else ""
    params = (status, limit) if status else (limit,)
    return db.all(f"{_SELECT}{where} ORDER BY c.filed_at, c.id LIMIT ?", params)


# Approved claims that credit when their public notice ends (claims.credit_after_notice) ----

_UPHELD = ("EXISTS (SELECT 1 FROM objection o WHERE o.claim_id = c.id AND o.status = 'upheld')")
_HELD = ("EXISTS (SELECT 1 FROM objection o WHERE o.claim_id = c.id AND o.status = 'open')")


def waiting_under_rule(db: Database, resident_id: str, rule_id: str, start: str, end: str) -> int:
    """Approved, not yet credited, not withheld by an upheld objection: counts toward a cap."""
    return db.scalar(
        "SELECT COALESCE(SUM(points), 0) FROM claim c WHERE c.resident_id = ? AND c.rule_id = ?"
        " AND c.status = 'approved' AND c.entry_id IS NULL AND c.activity_date >= ?"
        f" AND c.activity_date < ? AND NOT {_UPHELD}", (resident_id, rule_id, start, end))


def due_for_credit(conn, approved_before: str | None) -> list[sqlite3.Row]:
    """Waiting claims whose notice has ended (all of them with None) and no objection holds."""
    cut = "" if approved_before is None else " AND c.decided_at <= ?"
    return conn.execute(
        "SELECT c.* FROM claim c WHERE c.status = 'approved' AND c.entry_id IS NULL"
        f"{cut} AND NOT {_UPHELD} AND NOT {_HELD} ORDER BY c.decided_at, c.id",
        () if approved_before is None else (approved_before,)).fetchall()


def set_credited(conn, claim_id: str, entry_id: str, terminal_id: str) -> bool:
    """Name the entry a waiting claim credited; False when another run got there first."""
    done = conn.execute("UPDATE claim SET entry_id = ? WHERE id = ? AND status = 'approved'"
                        " AND entry_id IS NULL", (entry_id, claim_id)).rowcount == 1
    if done:
        journal.record(conn, terminal_id, "claim", claim_id)
    return done


# Written when a record from the township or another counter arrives (kiosk/sync/apply*.py).


def credit_claim_once(conn, claim_id: str, entry_id: str) -> None:
    """A claim is credited once: the first entry named stays."""
    conn.execute("UPDATE claim SET entry_id = ? WHERE id = ? AND entry_id IS NULL", (entry_id, claim_id))


# rows as sync receives them (from another counter, or the township), written column by column

RECEIVED_DECISION = ("status", "decided_by", "decided_at", "decision_reason")


def insert_received(conn, row: dict) -> None:
    replica.insert(conn, "claim", row)


def decide_received(conn, row: dict) -> None:
    replica.update(conn, "claim", "id", row, RECEIVED_DECISION)
