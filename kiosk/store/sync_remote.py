"""Every record received from the township (sync_remote), kept as it came.

A record is written once; one kept unapplied that applies later is written again with the
flag set (the table refuses UPDATE)."""

from __future__ import annotations

_COLUMNS = "id, terminal_id, seq, type, body, sha256, applied, received_at"


def received(conn, record_id: str) -> bool:
    return conn.execute("SELECT 1 FROM sync_remote WHERE id = ?", (record_id,)).fetchone() is not None


def keep(conn, record_id: str, terminal_id: str, seq: int, type: str, body: str, sha256: str,
         applied: bool, at: str) -> None:
    conn.execute(f"INSERT INTO sync_remote ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (record_id, terminal_id, seq, type, body, sha256, int(applied), at))


def unapplied(conn, limit: int) -> list[tuple]:
    """The newest `limit` records kept unapplied, oldest first, as
    (id, terminal_id, seq, type, body, sha256, received_at)."""
    rows = conn.execute("SELECT * FROM (SELECT rowid AS n, id, terminal_id, seq, type, body, sha256, received_at"
                        " FROM sync_remote WHERE applied = 0 ORDER BY rowid DESC LIMIT ?) ORDER BY n",
                        (limit,)).fetchall()
    return [tuple(row)[1:] for row in rows]


def mark_applied(conn, row: tuple) -> None:
    """`row` as `unapplied` gave it: kept as it came, only the flag changes."""
    conn.execute("DELETE FROM sync_remote WHERE id = ?", (row[0],))
    conn.execute(f"INSERT INTO sync_remote ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 1, ?)", tuple(row))


def applied_writer(conn, record_type: str, key: str, row_id: str, stamp: str) -> str | None:
    """The terminal whose applied record carried this version (row id and stamp) of a row."""
    found = conn.execute(
        "SELECT terminal_id FROM sync_remote WHERE type = ? AND applied = 1"
        f" AND json_extract(body, '$.{key}') = ?"
        " AND COALESCE(json_extract(body, '$.updated_at'), json_extract(body, '$.changed_at'), '') = ?"
        " ORDER BY terminal_id DESC LIMIT 1", (record_type, row_id, stamp)).fetchone()
    return found[0] if found else None


def waiting_from(conn, terminal_id: str, today: str) -> bool:
    """Whether one sender's records are kept unapplied that `today` (YYYY-MM-DD) may apply: not
    those whose effective day (kiosk/sync/effective.py) is later."""
    return conn.execute(
        "SELECT 1 FROM sync_remote WHERE applied = 0 AND terminal_id = ?"
        " AND COALESCE(substr(json_extract(body, '$.effective_from'), 1, 10), '') <= ? LIMIT 1",
        (terminal_id, today[:10])).fetchone() is not None


def unapplied_from(conn, terminal_id: str) -> list[tuple]:
    """One sender's records kept unapplied, oldest first (id, terminal_id, seq, type, body, sha256, received_at)."""
    return [tuple(r) for r in conn.execute(
        "SELECT id, terminal_id, seq, type, body, sha256, received_at FROM sync_remote"
        " WHERE applied = 0 AND terminal_id = ? ORDER BY rowid", (terminal_id,)).fetchall()]
