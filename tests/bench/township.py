"""township: the sync with the township, measured for issue 7 (`python -m tests.bench township`).

1. push: a real counter pushes 100,000 entries with its own `sync_once` to `kiosk-township
   serve` (uvicorn, a separate process) over loopback: target ≥ 10,000 entries/s.
2. idle_sync: `sync_once` with nothing new: target p95 ≤ 50 ms.
3. big_pull: a township of 30 villages and 3,000,000 entries (cached on disk, see
   township_data): a village terminal's pull after 0, 100 and 10,000 new records for its
   village must cost what changed, and the hot queries must be planned on indexes.
`--backend postgresql`: 1 and 2 on both, then 300 counters at once (township_crowd) on both,
and 3 on PostgreSQL (the cached township moved there with export-to; KIOSK_BENCH_BIG_PULL=0
leaves it out; KIOSK_BENCH_PUSH_ONLY=1 runs only 1 and 2, on both backends, while one works on the push).
The crowd alone: `python -m tests.bench.township_crowd [sqlite] [postgresql]`
(KIOSK_BENCH_CROWD_SPREADS=0: the burst only).
The village benchmark database is not used: the township keeps its own stores.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from tests.bench.township_crowd import bench_crowd
from tests.bench.township_pull import bench_big_pull
from tests.bench.township_push import bench_push_and_idle


def _push_only() -> bool:
    return os.environ.get("KIOSK_BENCH_PUSH_ONLY", "0") == "1"


def _crowd(target, log) -> dict:
    return {} if _push_only() else {"crowd": bench_crowd(target, log)}


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _postgresql(folder: Path, log) -> dict:
    """Push and idle sync against a throw-away PostgreSQL cluster (tests/pg_cluster.py)."""
    from tests.pg_cluster import Cluster, available
    reason = available()
    if reason:
        return {"skipped": reason}
    cluster = Cluster()
    try:
        log("township: the same push and idle rounds on PostgreSQL …")
        own = folder / "postgresql"
        own.mkdir()
        result = bench_push_and_idle(own, log, cluster.fresh(schema=False))
        result |= _crowd(cluster.fresh(schema=False), log)
        if os.environ.get("KIOSK_BENCH_BIG_PULL", "1") != "0" and not _push_only():     # 0: leave out the 3M-record township
            result |= {"big_pull": bench_big_pull(own, log, township=cluster.fresh(schema=False))}
        return result
    finally:
        cluster.stop()


def bench_township(_db=None, log=print) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-township-"))
    load = {"before": _load()}
    if os.environ.get("KIOSK_BENCH_BACKEND") == "postgresql":
        try:
            sqlite = bench_push_and_idle(folder, log) | _crowd(folder / "crowd.sqlite3", log)
            postgresql = _postgresql(folder, log)
            return {"sqlite": sqlite, "postgresql": postgresql, "load": load | {"after": _load()},
                    "ok": all(part.get("ok", True) for part in (postgresql.get("push", {}), postgresql.get("crowd", {}),
                                                                postgresql.get("big_pull", {})))}
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    try:
        small = bench_push_and_idle(folder, log)
        load["after_push_and_idle"] = _load()
        big = bench_big_pull(folder, log)
        load["after_big_pull"] = _load()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {**small, "big_pull": big, "load": load,
            "ok": small["push"]["ok"] and small["idle_sync"]["ok"] and big["ok"]}
