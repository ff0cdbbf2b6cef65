"""Where the checks that replay the books' chain begin (migration 0033): a chained row of its own,
so it cannot be moved without breaking the links. Before it, books chained whole by 0016 carry
today's product bodies beside last year's sales, and 0030 chained every received record in one
batch after the rules they name: neither says what held when."""

from __future__ import annotations

from kiosk.store.chain import BY_TYPE

CHECKED_FROM = "checked_from"
# SQL for the milestone's position (0 when there is none: every row is after it).
POSITION_SQL = f"COALESCE((SELECT MIN(position) FROM chain WHERE record_type = '{CHECKED_FROM}' AND {BY_TYPE}), 0)"


def position(conn) -> int:
    return conn.execute(f"SELECT {POSITION_SQL}").fetchone()[0]
