"""The stretches of the books' chain written outside the program, as the audit rows that noted them
say (kiosk/store/chain_outside.py writes them). Apart from it so that what reads the chain's own
rows (kiosk/store/township_key_chained.py) can leave those stretches out without importing the chain."""

from __future__ import annotations

import json
import sqlite3

ACTION = "books_written_outside"


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
