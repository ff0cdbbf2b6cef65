"""Rows the books' chain got outside the program.

The program seals the chain rows of its own writes before it commits (Database.write), so a
transaction that begins on an unsealed tail finds rows someone wrote into the file outside it
(sqlite3 on the file, its triggers left in place). They are sealed with the transaction's own
rows, to keep the chain going, and an audit row says so first: chained itself, it cannot be
taken away unseen, and `kiosk check` names those rows for ever after.

A start's migrations seal the chain rows they write in the last one's transaction (0016 chains
the books it finds; kiosk/store/migrations.py), after noting the rows unsealed before them: no
mark kept in the file, which an insider could set too, says whose a tail is.

This cannot stop an insider who seals his own rows with the chain's public rule; what he wrote
after the last anchor (a sync, a printed code) then looks like the program's. Anchors bound that.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from kiosk.store import audit
from kiosk.store.chain import last_sealed

from kiosk.store.outside_spans import ACTION


def note(conn: sqlite3.Connection) -> tuple[int, int] | None:
    """At the start of a write: (first, last) positions of an unsealed tail, kept in an audit row."""
    span = unsealed_span(conn)
    if span is not None:
        note_span(conn, *span)
    return span


def unsealed_span(conn: sqlite3.Connection) -> tuple[int, int] | None:
    """(first, last) positions of the chain's unsealed tail, or None."""
    row = conn.execute("SELECT position, link_hash FROM chain ORDER BY position DESC LIMIT 1").fetchone()
    if row is None or row[1] is not None:
        return None
    return last_sealed(conn) + 1, row[0]


def note_span(conn: sqlite3.Connection, first: int, last: int) -> None:
    at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    audit.append(conn, at=at, operator_id=None, operator_name="系统", action=ACTION, target_type="chain",
                 target_id=f"{first}-{last}", after={"first": first, "last": last})


def chained(conn: sqlite3.Connection) -> bool:
    """Whether this database has the books' chain (migration 0016)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain'").fetchone() is not None
