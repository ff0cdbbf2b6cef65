"""Card look-ups at the township (积分互认): each one kept, and counted per terminal.

A look-up by card answers a masked name and a balance, so a counter that walks card
numbers (JF000001, JF000002 …) would learn who lives where. Every look-up, and every
redemption that looks a card up, is therefore a row of `card_lookup` in the township's
own database: which terminal asked, for which village and card, when, and what it got
('found' or the refusal's code). The limit is read from those rows in the same
BEGIN IMMEDIATE transaction that adds the next one, so several server processes on one
database share one count; nothing is kept in a process's memory. A terminal past a
limit is refused with 429 and a plain reason, and that refusal writes nothing: what a
terminal can make the township write stays bounded by the limits themselves.

The limits are far above what a counter needs (a visitor is one look-up and one
redemption) and far below a walk: 12 a minute, 120 an hour.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

WINDOWS: tuple[tuple[int, int], ...] = ((60, 12), (3600, 120))   # (seconds, most look-ups in them)
FOUND = "found"


@dataclass(frozen=True)
class TooMany:
    """The window a terminal has filled: how many look-ups in it, and when one frees up."""
    most: int
    window_s: int
    wait_s: float

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.wait_s / 60))


def too_many(conn: sqlite3.Connection, terminal_id: str, now: float) -> TooMany | None:
    """The first window this terminal has filled, or None when it may look another card up."""
    for window_s, most in WINDOWS:
        rows = conn.execute("SELECT at FROM card_lookup WHERE terminal_id = ? AND at > ? ORDER BY at DESC"
                            " LIMIT 1 OFFSET ?", (terminal_id, now - window_s, most - 1)).fetchone()
        if rows is not None:     # `most` look-ups in the window: the oldest of them must age out
            oldest = conn.execute("SELECT at FROM card_lookup WHERE terminal_id = ? AND at > ?"
                                  " ORDER BY at LIMIT 1", (terminal_id, now - window_s)).fetchone()[0]
            return TooMany(most, window_s, oldest + window_s - now)
    return None


def record(conn: sqlite3.Connection, *, terminal: sqlite3.Row, home_village_id: object, card: str,
           outcome: str, now: float) -> None:
    conn.execute("INSERT INTO card_lookup (terminal_id, village_id, home_village_id, card, outcome, at)"
                 " VALUES (?, ?, ?, ?, ?, ?)",
                 (terminal["id"], terminal["village_id"],
                  home_village_id[:64] if isinstance(home_village_id, str) else None, card[:64], outcome, now))


def kept(conn: sqlite3.Connection, terminal_id: str) -> list[sqlite3.Row]:
    """A terminal's look-ups, oldest first (for the clerk, and for tests)."""
    return conn.execute("SELECT * FROM card_lookup WHERE terminal_id = ? ORDER BY id", (terminal_id,)).fetchall()
