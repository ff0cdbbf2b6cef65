"""When a row without an `updated_at` column last changed, for last-writer-wins.

Households and village rules have no change time of their own; their audit rows do
(every manager's change writes one, naming the row). The outbox puts this time in the
body as `changed_at`; a counter applying the body compares it with its own.
Old bodies without it count as older than any stamped change.
"""

from __future__ import annotations

STAMPED = {"household": "household", "rule": "rule"}   # record type → audit target_type


def changed_at(db, record_type: str, ids: list[str]) -> dict[str, str]:
    """The latest audit time for each id (missing when none); `db` is a Database or connection."""
    target = STAMPED[record_type]
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = db.execute(f"SELECT target_id, MAX(at) FROM audit WHERE target_type = ? AND target_id IN"
                          f" ({','.join('?' * len(chunk))}) GROUP BY target_id", (target, *chunk)).fetchall()
        found.update({row[0]: row[1] for row in rows})
    return found


def held_stamp(conn, record_type: str, row_id: str) -> str:
    """The stamp of the version held here: our own latest change or the latest applied one."""
    own = changed_at(conn, record_type, [row_id]).get(row_id, "")
    applied = conn.execute(
        "SELECT MAX(json_extract(body, '$.changed_at')) FROM sync_remote"
        " WHERE type = ? AND applied = 1 AND json_extract(body, '$.id') = ?", (record_type, row_id)).fetchone()[0]
    return max(own, applied or "")
