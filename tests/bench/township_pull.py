"""Pull on the big township: one village's terminal after 0, 100 and 10,000 new records.

On a fresh copy of the cached 3,000,000-entry township, records are committed through
the push code (`merge.push`, batches of 200): for the village by its second terminal,
and many more for the other villages. Then the village's first terminal pulls everything
new over HTTP from the real server, in pages of the client's size, signed. A pull must
cost what changed for the village, not the 3 million rows around it.
"""

from __future__ import annotations

import itertools
import statistics
import time
from pathlib import Path
from time import perf_counter_ns

import httpx

from kiosk.core.ids import new_id
from kiosk.sync.client import PULL_LIMIT
from kiosk.sync.wire import Record, signed_headers
from kiosk.township import merge
from kiosk.township.tables import records as records_table
from kiosk.township.store import Store
from tests.bench import township_data
from tests.bench.township_plans import check_plans
from tests.bench.township_server import serving

CASES = ((0, 20_000), (100, 20_000), (10_000, 50_000))   # (new for the village, new elsewhere)
REPEATS, TARGET_EMPTY_MS = 5, 50.0
OR_PULL = ("SELECT commit_no FROM record WHERE commit_no > ? AND terminal_id != ?"
           " AND (village_id = ? OR village_id IS NULL) ORDER BY commit_no LIMIT ?")


class Writers:
    """Terminals pushing through merge.push, each carrying on from its own high water."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.rows = {r["id"]: r for r in store.all("SELECT * FROM terminal ORDER BY village_id, id")}
        self.seqs = {tid: itertools.count(row["high_water"] + 1) for tid, row in self.rows.items()}

    def push(self, terminal_ids: list[str], count: int) -> float:
        """`count` entries from the terminals in turn, 200 a batch; seconds taken."""
        started = perf_counter_ns()
        for n, start in enumerate(range(0, count, 200)):
            tid = terminal_ids[n % len(terminal_ids)]
            size = min(200, count - start)
            batch = [Record.make(new_id(), tid, next(self.seqs[tid]), "entry",
                                 {"account_id": f"A{(start + k) % 1000:04d}", "hundredths": 300})
                     for k in range(size)]
            merge.push(self.store, self.rows[tid], batch)
        return (perf_counter_ns() - started) / 1e9


def _drain(http: httpx.Client, puller: dict, since: int) -> tuple[int, int, int]:
    """Pull pages until `more` is false: (records, pages, new cursor)."""
    records = pages = 0
    while True:
        path = f"/v1/pull?since={since}&limit={PULL_LIMIT}"
        headers = signed_headers(puller["id"], puller["secret"], "GET", path, b"", time.time())
        answer = http.get(path, headers=headers)
        answer.raise_for_status()
        page = answer.json()
        records, pages, since = records + len(page["records"]), pages + 1, page["cursor"]
        if not page["more"]:
            return records, pages, since


def _median_ms(run, repeats: int = REPEATS) -> float:
    samples = []
    for _ in range(repeats):
        start = perf_counter_ns()
        run()
        samples.append(perf_counter_ns() - start)
    return round(statistics.median(samples) / 1e6, 2)


def _case(store: Store, writers: Writers, http: httpx.Client, puller: dict, since: int,
          mine: int, others: int, log) -> tuple[dict, int]:
    village = puller["village_id"]
    neighbour = [t for t, r in writers.rows.items() if r["village_id"] == village and t != puller["id"]]
    strangers = [t for t, r in writers.rows.items() if r["village_id"] != village]
    log(f"township: {mine:,} new for the village, {others:,} elsewhere …")
    push_s = writers.push(strangers, others // 2) + writers.push(neighbour, mine) + writers.push(strangers, others // 2)
    records, pages, cursor = _drain(http, puller, since)
    if records != mine:
        raise RuntimeError(f"pulled {records} records, expected {mine}")
    http_ms = _median_ms(lambda: _drain(http, puller, since))
    return {"new_for_village": mine, "new_elsewhere": others, "pages": pages, "pull_ms": http_ms,
            "ms_per_record": round(http_ms / mine, 3) if mine else None,
            **_first_page_sql(store, puller, since), "push_per_s_at_3m": round((mine + others) / push_s)}, cursor


def _first_page_sql(store: Store, puller: dict, since: int) -> dict:
    """The bare first-page query, as now (two index ranges) and as it was (one OR)."""
    village, me = puller["village_id"], puller["id"]
    now = _median_ms(lambda: records_table.pull_page(store, village, since, me, PULL_LIMIT + 1))
    before = _median_ms(lambda: store.all(OR_PULL, (since, me, village, PULL_LIMIT + 1)))
    return {"first_page_sql_ms": now, "old_or_first_page_sql_ms": before}


def bench_big_pull(folder: Path, log, cache: Path | None = None, township: str | None = None) -> dict:
    """`township`: an empty PostgreSQL database to move the cached township into (export-to), else a
    copy of the SQLite file."""
    note = township_data.ensure(cache or township_data.default_path(), log)
    if township:
        copy, moved = township, township_data.to_postgresql(cache or township_data.default_path(), township, log)
    else:
        copy, moved = township_data.working_copy(cache or township_data.default_path(), folder), {}
    store = Store(copy)
    try:
        puller = dict(store.one("SELECT * FROM terminal ORDER BY village_id, id LIMIT 1"))
        plans = check_plans(store, puller["village_id"], puller["id"])
        writers = Writers(store)
        catch_up = _first_page_sql(store, puller, 0)   # a new PC: the village's 100,000 records to come
        since = store.cursor_hint()
        cases = []
        with serving(copy) as server, httpx.Client(base_url=server.url, timeout=120) as http:
            for mine, others in CASES:
                case, since = _case(store, writers, http, puller, since, mine, others, log)
                cases.append(case)
        total = store.one("SELECT COUNT(*) FROM record")[0]
    finally:
        store.close()
    empty_ok = cases[0]["pull_ms"] <= TARGET_EMPTY_MS
    # proportional: 100× the village's records may cost at most ~100× (+ slack), never the 3M
    scale_ok = cases[2]["pull_ms"] <= 2 * 100 * max(cases[1]["pull_ms"], 1.0)
    return {"records_in_township": total, "dataset_build_s": note["build_s"], "reused": note["reused"], **moved,
            "cases": cases, "catch_up_first_page": catch_up, "plans": plans, "target_nothing_new_ms": TARGET_EMPTY_MS,
            "ok": empty_ok and scale_ok and plans["ok"]}
