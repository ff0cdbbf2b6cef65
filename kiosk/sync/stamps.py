"""When a row without an `updated_at` column last changed, for last-writer-wins.

Households and village rules have no change time of their own; their audit rows do
(every manager's change writes one, naming the row). The outbox puts this time in the
body as `changed_at`; a counter applying the body compares it with its own.
Old bodies without it count as older than any stamped change.
"""

from __future__ import annotations

from kiosk.store import change_stamps

STAMPED = {"household": "household", "rule": "rule"}   # record type → audit target_type


def changed_at(db, record_type: str, ids: list[str]) -> dict[str, str]:
    """The latest audit time for each id (missing when none); `db` is a Database or connection."""
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        found.update(change_stamps.audited_at(db, STAMPED[record_type], ids[start:start + 500]))
    return found


def held_stamp(conn, record_type: str, row_id: str) -> str:
    """The stamp of the version held here: our own latest change or the latest applied one."""
    own = changed_at(conn, record_type, [row_id]).get(row_id, "")
    applied = change_stamps.applied_changed_at(conn, STAMPED[record_type], row_id)
    return max(own, applied or "")
