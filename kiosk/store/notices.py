"""Public notice (公示): awards and deductions on notice, and the objections raised against them.

An item on notice is a credited entry (an award, deduction or adjustment, and the
reversals that revoke them), or an approved claim that credits when its notice ends. `starts` is when it went on notice:
the claim's approval, else the entry's posting. Every read is an index range (the
partial indexes entry_notice and claim_waiting), never a pass over the whole ledger.
"""

from __future__ import annotations

import sqlite3

from kiosk.core.kinds import ON_NOTICE, REVOKING
from kiosk.store import replica
from kiosk.store.db import Database
from kiosk.store.text import escape_like, quoted

_NAMES = (
    " LEFT JOIN resident r ON r.id = {t}.resident_id LEFT JOIN household h ON h.id = r.household_id"
    " LEFT JOIN rule u ON u.id = {t}.rule_id"
)
# Who recorded an item and who approved it (a claim's reviewer), for a truthful notice.
_WHO = (" LEFT JOIN operator fo ON fo.id = {filed} LEFT JOIN operator do ON do.id = {decided}")
_ENTRY_COLUMNS = (
    "SELECT 'entry' AS source, e.id, e.claim_id, e.hundredths AS points, e.qty, e.activity_date,"
    " COALESCE(c.decided_at, e.at) AS starts, r.name, h.house_no, COALESCE(e.version_name, u.name) AS rule_name,"
    " COALESCE(e.version_shape, u.shape) AS shape,"
    " e.kind, e.note, e.reverses_id, fo.name AS recorded_by, do.name AS approved_by,"
    " (SELECT COUNT(*) FROM objection o WHERE o.entry_id = e.id OR o.claim_id = e.claim_id) AS objections,"
    " (SELECT COUNT(*) FROM objection o WHERE (o.entry_id = e.id OR o.claim_id = e.claim_id)"
    "  AND o.status = 'open') AS open_objections, 0 AS upheld,"
    f" (SELECT x.id FROM entry x WHERE x.reverses_id = e.id AND x.kind IN {quoted(REVOKING)}"
    "  LIMIT 1) AS reversal_id"
)
# The partial index's own terms, so the planner may (and INDEXED BY must) use it.
_NOTICEABLE = f"e.kind IN {quoted(ON_NOTICE)}"
_ENTRY_JOINS = (" LEFT JOIN claim c ON c.id = e.claim_id" + _NAMES.format(t="e")
                + _WHO.format(filed="COALESCE(c.filed_by, e.operator_id)", decided="c.decided_by"))
_RECENT_ENTRIES = (
    f"{_ENTRY_COLUMNS} FROM entry e INDEXED BY entry_notice_all{_ENTRY_JOINS} WHERE {_NOTICEABLE} AND e.at > ?1"
)
_HELD_ENTRIES = (
    f"{_ENTRY_COLUMNS} FROM objection ob CROSS JOIN entry e ON e.id = ob.entry_id{_ENTRY_JOINS}"
    f" WHERE ob.status = 'open' AND {_NOTICEABLE}"
)
_WAITING_CLAIMS = (
    "SELECT 'claim' AS source, c.id, c.id AS claim_id, c.points, c.qty, c.activity_date,"
    " c.decided_at AS starts, r.name, h.house_no, COALESCE(c.version_name, u.name) AS rule_name,"
    " COALESCE(c.version_shape, u.shape) AS shape,"
    " 'claim' AS kind, c.note, NULL AS reverses_id, fo.name AS recorded_by, do.name AS approved_by,"
    " (SELECT COUNT(*) FROM objection o WHERE o.claim_id = c.id) AS objections,"
    " (SELECT COUNT(*) FROM objection o WHERE o.claim_id = c.id AND o.status = 'open') AS open_objections,"
    " (SELECT COUNT(*) FROM objection o WHERE o.claim_id = c.id AND o.status = 'upheld') AS upheld,"
    " NULL AS reversal_id FROM claim c INDEXED BY claim_waiting" + _NAMES.format(t="c")
    + _WHO.format(filed="c.filed_by", decided="c.decided_by") +
    " WHERE c.status = 'approved' AND c.entry_id IS NULL"
)


def on_notice(db: Database, since: str, limit: int) -> list[sqlite3.Row]:
    """Items that went on notice after `since`, items an open objection holds, waiting claims."""
    return db.all(
        f"SELECT * FROM ({_RECENT_ENTRIES} AND COALESCE(c.decided_at, e.at) > ?1"
        f" UNION {_HELD_ENTRIES} UNION ALL {_WAITING_CLAIMS})"
        " ORDER BY starts DESC, id DESC LIMIT ?2", (since, limit))


def find(db: Database, ref: str, since: str) -> list[sqlite3.Row]:
    """Items whose id (an entry's, or a waiting claim's) is `ref`, or ends with it among
    entries posted after `since`. A credited claim's id finds the entry it credited."""
    exact = db.all(f"{_ENTRY_COLUMNS} FROM entry e{_ENTRY_JOINS} WHERE {_NOTICEABLE} AND e.id = ?1"
                   f" UNION {_ENTRY_COLUMNS} FROM entry e{_ENTRY_JOINS} WHERE {_NOTICEABLE} AND e.claim_id = ?1"
                   f" UNION ALL {_WAITING_CLAIMS} AND c.id = ?1", (ref,))
    if exact:
        return exact
    return db.all(f"{_RECENT_ENTRIES} AND e.id LIKE ?2 ESCAPE '\\'"
                  f" UNION ALL {_WAITING_CLAIMS} AND c.id LIKE ?2 ESCAPE '\\' LIMIT 5",
                  (since, f"%{escape_like(ref)}"))


def insert_objection(conn, *, id, entry_id, claim_id, objector, why, recorded_by, at) -> None:
    conn.execute(
        "INSERT INTO objection (id, entry_id, claim_id, objector, why, recorded_by, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", (id, entry_id, claim_id, objector, why, recorded_by, at))


def objections(db: Database, item_id: str, claim_id: str | None) -> list[sqlite3.Row]:
    """Every objection against an item (and against the claim it credited), oldest first."""
    return db.all(
        "SELECT o.*, rb.name AS recorded_by_name, db.name AS decided_by_name FROM objection o"
        " JOIN operator rb ON rb.id = o.recorded_by LEFT JOIN operator db ON db.id = o.decided_by"
        " WHERE o.entry_id = ?1 OR o.claim_id = ?1 OR o.claim_id = ?2"
        " ORDER BY o.recorded_at, o.rowid", (item_id, claim_id))


def decide(conn, objection_id: str, *, status, decided_by, at, note, reversal_id) -> None:
    conn.execute(
        "UPDATE objection SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?,"
        " reversal_id = ? WHERE id = ? AND status = 'open'",
        (status, decided_by, at, note, reversal_id, objection_id))


# rows as sync receives them (from another counter, or the township), written column by column

RECEIVED_OBJECTION_DECISION = ("status", "decided_by", "decided_at", "decision_note", "reversal_id")


def insert_received_objection(conn, row: dict) -> None:
    replica.insert(conn, "objection", row)


def decide_received_objection(conn, row: dict) -> None:
    replica.update(conn, "objection", "id", row, RECEIVED_OBJECTION_DECISION)
