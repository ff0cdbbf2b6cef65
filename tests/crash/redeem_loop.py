"""Child process for test_kill_mid_redeem: redeem random carts until killed.

    python redeem_loop.py DB_PATH SEED OPERATOR PIN

Opens the village database, logs the operator in once, then redeems random
carts (1-3 lines, 1-3 of each) for random residents in a tight loop. After
each redeem returns — that is, after its transaction has committed — it prints
one JSON line describing the sale and flushes, so every line the parent reads
is a promise that the sale is in the database. It never stops by itself: the
parent SIGKILLs it at an arbitrary moment. A refusal (which the parent's
generous stock and points should make impossible) ends it with exit code 3.
"""

from __future__ import annotations

import json
import random
import sys

from kiosk.core.clock import SystemClock
from kiosk.core.errors import Refused
from kiosk.services.people import operators
from kiosk.services.shop import checkout
from kiosk.services.context import Context
from kiosk.store.migrations import open_database


def main(argv: list[str]) -> int:
    db_path, seed, operator, pin = argv
    rng = random.Random(int(seed))
    clock = SystemClock()
    db = open_database(db_path)
    ctx = Context(db, operators.login(db, operator, pin, clock.now()), clock)
    cards = [row[0] for row in db.all(
        "SELECT card_code FROM resident WHERE status = 'active' ORDER BY card_code")]
    codes = [row[0] for row in db.all("SELECT code FROM product WHERE active = 1 ORDER BY code")]
    out = sys.stdout
    while True:
        card = rng.choice(cards)
        items = [f"{rng.choice(codes)}x{rng.randint(1, 3)}" for _ in range(rng.randint(1, 3))]
        try:
            sale = checkout.redeem_items(ctx, card, items)
        except Refused as refused:
            print(f"refused {refused.code} {refused.params}", file=sys.stderr, flush=True)
            return 3
        out.write(json.dumps({
            "receipt": sale.receipt,
            "card": card,
            "total": sale.total.hundredths,
            "balance_before": sale.balance_before.hundredths,
            "balance_after": sale.balance_after.hundredths,
            "lines": [[line.product_id, line.qty] for line in sale.lines],
        }) + "\n")
        out.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
