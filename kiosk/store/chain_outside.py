"""Rows the books' chain got outside the program.

The program seals the chain rows of its own writes before it commits (Database.write), so a
transaction that begins on an unsealed tail finds rows someone wrote into the file outside it
(sqlite3 on the file, its triggers left in place). They are sealed with the transaction's own
rows, to keep the chain going, and an audit row says so first: chained itself, it cannot be
taken away unseen, and `kiosk check` names those rows for ever after.

This cannot stop an insider who seals his own rows with the chain's public rule; what he wrote
after the last anchor (a sync, a printed code) then looks like the program's. Anchors bound that.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from kiosk.store import audit
from kiosk.store.chain import has_unsealed_tail, last_sealed

ACTION = "books_written_outside"
# Set in the transaction of a migration that leaves unsealed rows (0016 chains the books it
# finds), cleared by the write that seals them once every migration is in: a start cut off in
# between (a power cut) does not take the migration's rows for rows written outside.
MIGRATIONS_TAIL = "chain_tail_of_migrations"


def note(conn: sqlite3.Connection) -> tuple[int, int] | None:
    """At the start of a write: (first, last) positions of an unsealed tail, kept in an audit row."""
    row = conn.execute("SELECT position, link_hash FROM chain ORDER BY position DESC LIMIT 1").fetchone()
    if row is None or row[1] is not None:
        return None
    first, last = last_sealed(conn) + 1, row[0]
    at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    audit.append(conn, at=at, operator_id=None, operator_name="系统", action=ACTION, target_type="chain",
                 target_id=f"{first}-{last}", after={"first": first, "last": last})
    return first, last


def mark_migrations_tail(conn: sqlite3.Connection) -> None:
    """In a migration's transaction: the unsealed rows there are now are the migration's."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain'").fetchone() \
            and has_unsealed_tail(conn):
        conn.execute("INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
                     (MIGRATIONS_TAIL,))


def tail_is_migrations(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM meta WHERE key = ?", (MIGRATIONS_TAIL,)).fetchone() is not None


def migrations_tail_sealed(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", (MIGRATIONS_TAIL,))


def found(conn: sqlite3.Connection) -> list[tuple[str, int, int]]:
    """(when it was found, first, last) of every stretch written outside the program, oldest first."""
    out = []
    # the action written out, not bound: only then may SQLite use the partial index (migration 0029)
    for at, after in conn.execute(f"SELECT at, after FROM audit WHERE action = '{ACTION}' ORDER BY seq").fetchall():
        try:
            span = json.loads(after)
            out.append((at, int(span["first"]), int(span["last"])))
        except (TypeError, ValueError, KeyError):
            out.append((at, 0, 0))
    return out
