"""lookup and barcode: finding a resident or a product at the counter.

lookup: `residents.resolve` by card code, by a name and by pinyin initials that are
unique in the data, and `residents.suggest` for 2-letter prefixes (live suggestions
while typing). barcode: `products.by_scan` and `products.resolve` over every barcode.
"""

from __future__ import annotations

import random
from collections import Counter

from kiosk.services.people import residents
from kiosk.services.shop import products
from kiosk.services.context import SELFSERVICE, Context
from kiosk.store.db import Database
from tests.bench.timing import cycle, time_calls

LOOKUP_CALLS, LOOKUP_TARGET_MS = 2_000, 2.0
SCAN_CALLS, SCAN_TARGET_MS = 5_000, 1.0
EXAMPLES, SEED = 200, 11


def _graded(stats: dict, target_ms: float | None) -> dict:
    if target_ms is None:
        return {**stats, "target_p95_ms": None, "ok": None}
    return {**stats, "target_p95_ms": target_ms, "ok": stats["p95_ms"] <= target_ms}


def _unique(db: Database, column: str, rng: random.Random) -> list[str]:
    """Up to EXAMPLES values of `column` held by exactly one resident."""
    values = [r[0] for r in db.all(
        f"SELECT {column} FROM resident GROUP BY {column} HAVING COUNT(*) = 1 ORDER BY {column}")]
    taken = {r[0] for r in db.all("SELECT card_code FROM resident UNION SELECT name FROM resident")}
    if column == "initials":  # resolve tries card code and name first
        values = [v for v in values if v not in taken]
    return rng.sample(values, min(EXAMPLES, len(values)))


def _prefixes(db: Database, rng: random.Random, hanzi: bool) -> list[str]:
    """2-letter prefixes people would type, as common as they are in the village."""
    column = "name" if hanzi else "initials"
    counts = Counter(r[0][:2] for r in db.all(f"SELECT {column} FROM resident")
                     if len(r[0]) >= 2)
    pool = [p for p, n in counts.items() for _ in range(n)]
    return [rng.choice(pool) for _ in range(EXAMPLES)]


def bench_lookup(db: Database, log=print) -> dict:
    rng = random.Random(SEED)
    ctx = Context(db, SELFSERVICE)
    queries = {
        "card_code": rng.sample([r[0] for r in db.all("SELECT card_code FROM resident")], EXAMPLES),
        "name": _unique(db, "name", rng),
        "initials": _unique(db, "initials", rng),
    }
    for kind, values in queries.items():
        for value in values:  # every example must find its one resident
            found = residents.resolve(ctx, value)
            assert value in (found.card_code, found.name, found.initials), (kind, value)
    log(f"lookup: resolve by card code / name / initials, {LOOKUP_CALLS} calls each"
        f" over {', '.join(f'{len(v)} {k} examples' for k, v in queries.items())}; suggest …")
    result = {}
    for kind, values in queries.items():
        stats = time_calls(lambda q: residents.resolve(ctx, q), cycle(values, LOOKUP_CALLS))
        result[f"resolve_{kind}"] = _graded(stats, LOOKUP_TARGET_MS)
    for label, hanzi in (("suggest_pinyin2", False), ("suggest_hanzi2", True)):
        prefixes = _prefixes(db, rng, hanzi)
        stats = time_calls(lambda q: residents.suggest(ctx, q), cycle(prefixes, LOOKUP_CALLS))
        result[label] = _graded(stats, LOOKUP_TARGET_MS)
    result["ok"] = all(r["ok"] for r in result.values())
    return result


def bench_barcode(db: Database, log=print) -> dict:
    rng = random.Random(SEED)
    ctx = Context(db, SELFSERVICE)
    codes = [r[0] for r in db.all("SELECT code FROM barcode ORDER BY code")]
    rng.shuffle(codes)
    codes = cycle(codes, SCAN_CALLS)
    for code in codes[:50]:
        assert products.by_scan(ctx, code) is not None, code
    log(f"barcode: by_scan and resolve, {SCAN_CALLS} calls each over {len(set(codes))} barcodes …")
    result = {
        "by_scan": _graded(time_calls(lambda c: products.by_scan(ctx, c), codes, 200),
                           SCAN_TARGET_MS),
        "resolve": _graded(time_calls(lambda c: products.resolve(ctx, c), codes, 200),
                           SCAN_TARGET_MS),
    }
    result["ok"] = all(r["ok"] for r in result.values())
    return result
