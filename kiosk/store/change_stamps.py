"""When a row without an `updated_at` column last changed: its latest audit row here, or the
latest `changed_at` of an applied record from another counter (kiosk/sync/stamps.py).

The target type is written into the SQL, not bound: only then can SQLite use the partial
indexes of migration 0013 (one per type). Callers pass one of their own constants.
"""

from __future__ import annotations


def changed_sql(target_type: str, count: int) -> str:
    return (f"SELECT target_id, MAX(at) FROM audit WHERE target_type = '{target_type}'"
            f" AND target_id IN ({','.join('?' * count)}) GROUP BY target_id")


def applied_sql(record_type: str) -> str:
    return (f"SELECT MAX(json_extract(body, '$.changed_at')) FROM sync_remote WHERE type = '{record_type}'"
            " AND applied = 1 AND json_extract(body, '$.id') = ?")


def audited_at(db, target_type: str, ids: list[str]) -> dict[str, str]:
    """The latest audit time of each id (missing when none); `db` is a Database or connection."""
    rows = db.execute(changed_sql(target_type, len(ids)), ids).fetchall()
    return {row[0]: row[1] for row in rows}


def applied_changed_at(conn, record_type: str, row_id: str) -> str | None:
    return conn.execute(applied_sql(record_type), (row_id,)).fetchone()[0]
