"""The sync journal: every record that will sync, numbered gap-free per terminal."""

from __future__ import annotations

import sqlite3


def record(conn: sqlite3.Connection, terminal_id: str, record_type: str, record_id: str) -> int:
    seq = conn.execute(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM journal WHERE terminal_id = ?", (terminal_id,)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO journal (terminal_id, seq, record_type, record_id) VALUES (?, ?, ?, ?)",
        (terminal_id, seq, record_type, record_id),
    )
    return seq


def record_many(conn: sqlite3.Connection, terminal_id: str,
                records: list[tuple[str, str]]) -> None:
    """Journal several (type, id) records in order with one look-up of the last number."""
    first = conn.execute(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM journal WHERE terminal_id = ?", (terminal_id,)
    ).fetchone()[0]
    conn.executemany(
        "INSERT INTO journal (terminal_id, seq, record_type, record_id) VALUES (?, ?, ?, ?)",
        [(terminal_id, first + n, kind, record_id) for n, (kind, record_id) in enumerate(records)],
    )


def gaps(conn: sqlite3.Connection) -> list[str]:
    """Terminals whose sequence numbers are not 1..N without holes."""
    rows = conn.execute(
        "SELECT terminal_id FROM journal GROUP BY terminal_id HAVING MAX(seq) != COUNT(*)"
    ).fetchall()
    return [row[0] for row in rows]
