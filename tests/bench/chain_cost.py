"""chain: the CPU the books' chain adds to a redeem.

The same 3-line sales through `checkout.redeem` on the benchmark village and on a copy of
it without the chain (its triggers dropped, nothing sealed), alternating (which goes first
swaps every sale). Each sale is timed in CPU time (time.process_time_ns), not wall time:
the machine is shared, and a loaded one weighs on both sides alike.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
from pathlib import Path
from time import process_time_ns

from kiosk.core.cart import Cart
from kiosk.core.points import Points
from kiosk.services.shop import checkout
from kiosk.store.db import Database
from kiosk.store.migrations import open_database
from tests.bench.redeem import _goods, _shoppers, volunteer_context
from tests.bench.timing import summary

SALES, WARMUP, TARGET_ADDED = 300, 20, 0.10


def _without_chain(db: Database, folder: Path) -> Database:
    """A copy of the books with no books' chain: no chain rows written, nothing sealed."""
    path = folder / "no-chain.sqlite"
    target = sqlite3.connect(path)
    try:
        db.conn.backup(target)
    finally:
        target.close()
    bare = open_database(path)
    for (name,) in bare.all("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'chain%'"):
        bare.execute(f"DROP TRIGGER {name}")
    bare._has_chain = False
    return bare


def bench_chain(db: Database, log=print, sales: int = SALES, warmup: int = WARMUP) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-chain-", dir=db.path.parent))
    bare = _without_chain(db, folder)
    try:
        log(f"chain: {warmup} warm-up + {sales} sales with and without the books' chain, CPU time …")
        contexts = {"chain": volunteer_context(db), "bare": volunteer_context(bare)}
        rng = random.Random(7)
        shoppers, goods = _shoppers(db, rng, 200), _goods(db)
        cpu: dict[str, list[int]] = {"chain": [], "bare": []}
        for i in range(warmup + sales):
            card, _ = shoppers[i % len(shoppers)]
            lines = rng.sample(goods, 3)
            for side in (("chain", "bare") if i % 2 == 0 else ("bare", "chain")):
                cart = Cart()
                for product_id, name, price in lines:
                    cart.add(product_id, name, Points(price), 1)
                start = process_time_ns()
                checkout.redeem(contexts[side], card, cart)
                if i >= warmup:
                    cpu[side].append(process_time_ns() - start)
    finally:
        bare.close()
        shutil.rmtree(folder, ignore_errors=True)
    with_chain, without = summary(cpu["chain"]), summary(cpu["bare"])
    added = round(with_chain["p50_ms"] / without["p50_ms"] - 1, 3)
    return {"with_chain_cpu": with_chain, "without_chain_cpu": without, "added_p50": added,
            "target_added": TARGET_ADDED, "ok": added <= TARGET_ADDED}
