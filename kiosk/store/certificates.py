"""积分证明 at the counter (0026): the township's public key and its signed household snapshots.

The one writer of `township_key` and `certificate_snapshot`. What is kept has been checked
against the key by kiosk.sync.certificates; a snapshot only ever moves forward in time (an
older USB reply read after a newer sync changes nothing).
"""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database


def township_key(db: Database | sqlite3.Connection) -> str | None:
    row = db.execute("SELECT public_hex FROM township_key WHERE id = 1").fetchone()
    return None if row is None else row[0]


def set_township_key(conn: sqlite3.Connection, public_hex: str, learnt_by: str, at: str) -> None:
    """A new enrolment may bring another township's key: the old snapshots then go with the old key."""
    if township_key(conn) not in (None, public_hex):
        conn.execute("DELETE FROM certificate_snapshot")
        conn.execute("UPDATE township_key SET snapshots_version = NULL")
        conn.execute("DELETE FROM township_signs")        # another township: not yet seen to sign
        conn.execute("DELETE FROM township_signs_answers")
    conn.execute("INSERT INTO township_key (id, public_hex, learnt_at, learnt_by) VALUES (1, ?, ?, ?)"
                 " ON CONFLICT (id) DO UPDATE SET public_hex = excluded.public_hex, learnt_at = excluded.learnt_at,"
                 " learnt_by = excluded.learnt_by WHERE public_hex != excluded.public_hex",
                 (public_hex, at, learnt_by))


def note_signing(conn: sqlite3.Connection, at: str) -> None:
    """This township has been seen to sign its word: from now on the counter requires it
    (kiosk/core/township_word.py; chained with the key, migration 0033)."""
    conn.execute("INSERT OR IGNORE INTO township_signs (id, since) VALUES (1, ?)", (at,))


def note_signing_answers(conn: sqlite3.Connection, at: str) -> None:
    """This township has been seen to sign its answers (push, state, anchor): required from now on
    (kiosk/core/township_word.py; chained with the key, migration 0034)."""
    conn.execute("INSERT OR IGNORE INTO township_signs_answers (id, since) VALUES (1, ?)", (at,))


def signing_answers_since(db: Database) -> str | None:
    """When this counter first saw its township sign its answers (or learnt so at enrolment)."""
    return db.scalar("SELECT since FROM township_signs_answers WHERE id = 1")


def keep_snapshots(conn: sqlite3.Connection, rows: list[tuple[str, str, str]], at: str) -> int:
    """(household id, signed text, issued) each; returns how many were newer than what was kept."""
    before = conn.total_changes
    conn.executemany("INSERT INTO certificate_snapshot (household_id, signed, issued, received_at)"
                     " VALUES (?, ?, ?, ?) ON CONFLICT (household_id) DO UPDATE SET signed = excluded.signed,"
                     " issued = excluded.issued, received_at = excluded.received_at"
                     " WHERE excluded.issued >= certificate_snapshot.issued",
                     [(household, signed, issued, at) for household, signed, issued in rows])
    return conn.total_changes - before


def snapshots_version(db: Database) -> tuple[str | None, str | None]:
    """The version the township named for the kept snapshots, and the newest one's time."""
    row = db.one("SELECT snapshots_version, (SELECT MAX(issued) FROM certificate_snapshot) FROM township_key")
    return (None, None) if row is None else (row[0], row[1])


def set_snapshots_version(conn: sqlite3.Connection, version: str | None) -> None:
    conn.execute("UPDATE township_key SET snapshots_version = ? WHERE id = 1", (version,))


def snapshot(db: Database, household_id: str) -> sqlite3.Row | None:
    return db.one("SELECT household_id, signed, issued, received_at FROM certificate_snapshot"
                  " WHERE household_id = ?", (household_id,))


def snapshot_count(db: Database) -> int:
    return db.scalar("SELECT COUNT(*) FROM certificate_snapshot")
