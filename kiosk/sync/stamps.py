"""When a row without an `updated_at` column last changed, for last-writer-wins.

Households and village rules have no change time of their own; their audit rows do
(every manager's change writes one, naming the row). The outbox puts this time in the
body as `changed_at`; a counter applying the body compares it with its own.
Old bodies without it count as older than any stamped change.
"""

from __future__ import annotations

STAMPED = {"household": "household", "rule": "rule"}   # record type → audit target_type
# The types are written into the SQL, not bound: only then can SQLite use the partial
# indexes of migration 0013 (one per type).


def changed_sql(record_type: str, count: int) -> str:
    return (f"SELECT target_id, MAX(at) FROM audit WHERE target_type = '{STAMPED[record_type]}'"
            f" AND target_id IN ({','.join('?' * count)}) GROUP BY target_id")


def applied_sql(record_type: str) -> str:
    return (f"SELECT MAX(json_extract(body, '$.changed_at')) FROM sync_remote WHERE type = '{STAMPED[record_type]}'"
            " AND applied = 1 AND json_extract(body, '$.id') = ?")


def changed_at(db, record_type: str, ids: list[str]) -> dict[str, str]:
    """The latest audit time for each id (missing when none); `db` is a Database or connection."""
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = db.execute(changed_sql(record_type, len(chunk)), chunk).fetchall()
        found.update({row[0]: row[1] for row in rows})
    return found


def held_stamp(conn, record_type: str, row_id: str) -> str:
    """The stamp of the version held here: our own latest change or the latest applied one."""
    own = changed_at(conn, record_type, [row_id]).get(row_id, "")
    applied = conn.execute(applied_sql(record_type), (row_id,)).fetchone()[0]
    return max(own, applied or "")
