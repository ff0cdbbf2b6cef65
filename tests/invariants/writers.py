"""A second program on the same village database: sells until the points run out.

Run in a child process (multiprocessing, spawn) by test_two_writers: opens the database file
itself, logs in, waits at the barrier so both writers start together, then redeems one tube of
toothpaste after another for the same resident until refused for want of points."""

from __future__ import annotations

from kiosk.core.clock import SystemClock
from kiosk.core.errors import Refused
from kiosk.services.people import operators
from kiosk.services.shop import checkout
from kiosk.services.context import Context
from kiosk.store.migrations import open_database

CARD, TOOTHPASTE = "JF000001", "6920000000012"


def sell_until_refused(db_path: str, operator: str, pin: str, barrier) -> tuple[int, str]:
    """How many sales went through, and the code of the refusal that ended the run."""
    clock = SystemClock()
    db = open_database(db_path)
    try:
        ctx = Context(db, operators.login(db, operator, pin, clock.now()), clock)
        barrier.wait()
        sold = 0
        while True:
            try:
                checkout.redeem_items(ctx, CARD, [TOOTHPASTE])
            except Refused as refused:
                return sold, refused.code
            sold += 1
    finally:
        db.close()
