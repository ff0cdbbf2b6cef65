"""Push and idle sync: one counter's own sync code (`sync_once`) against the real server.

1. 100,000 awards posted on the counter, then one `sync_once` pushes them all over
   loopback (state, batches of the client's own size, the server's answers, the local
   acknowledgements): target ≥ 10,000 entries/s.
2. `sync_once` with nothing new on either side (state, an empty push check, an empty
   pull page, the local bookkeeping): target p95 ≤ 50 ms.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from time import perf_counter_ns

import httpx

from kiosk.sync import client
from tests.bench.timing import summary
from tests.bench.township_rawpush import server_only_push
from tests.bench.township_server import (
    Server,
    cpu_seconds,
    database_cpu_seconds,
    serving,
)
from tests.bench.township_terminal import enrol, new_counter, new_township, post_awards

ENTRIES, IDLE_ROUNDS, WARMUP = 100_000, 100, 10
TARGET_RATE, TARGET_IDLE_MS = 10_000, 50.0


def _sync(db, http: httpx.Client) -> client.SyncResult:
    result = client.sync_once(db, http, datetime.now())
    if not result.ok:
        raise RuntimeError(f"sync failed: {result.error} {result.detail}")
    return result


def _timed_push(db, http: httpx.Client, server: Server, log, township) -> dict:
    post_awards(db, ENTRIES)
    log(f"township: pushing {ENTRIES:,} entries with sync_once …")
    load, database_cpu = os.getloadavg()[0], database_cpu_seconds(township)
    server_cpu, own_cpu = cpu_seconds(server.pid), time.process_time()
    start = perf_counter_ns()
    result = _sync(db, http)
    seconds = (perf_counter_ns() - start) / 1e9
    own_cpu, server_cpu = time.process_time() - own_cpu, cpu_seconds(server.pid) - server_cpu
    if result.pushed != ENTRIES:
        raise RuntimeError(f"pushed {result.pushed}, expected {ENTRIES}")
    rate = ENTRIES / seconds
    database = {} if database_cpu is None else {"database_cpu_s": round(database_cpu_seconds(township) - database_cpu, 2)}
    return {"entries": ENTRIES, "batch": client.PUSH_BATCH, "seconds": round(seconds, 2),
            "terminal_cpu_s": round(own_cpu, 2), "server_cpu_s": round(server_cpu, 2), **database,
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2), "entries_per_s": round(rate),
            "target_per_s": TARGET_RATE, "ok": rate >= TARGET_RATE}


def _idle_rounds(db, http: httpx.Client, log) -> dict:
    log(f"township: {IDLE_ROUNDS} sync rounds with nothing new …")
    for _ in range(WARMUP):
        _sync(db, http)
    samples = []
    for _ in range(IDLE_ROUNDS):
        start = perf_counter_ns()
        result = _sync(db, http)
        samples.append(perf_counter_ns() - start)
        if result.pushed or result.pulled:
            raise RuntimeError(f"an idle round moved records: {result}")
    idle = summary(samples) | {"target_p95_ms": TARGET_IDLE_MS, "load_after": os.getloadavg()[0]}
    return idle | {"ok": idle["p95_ms"] <= TARGET_IDLE_MS}


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory so far (Linux VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def bench_push_and_idle(folder: Path, log, township: str | Path | None = None) -> dict:
    """`township`: a PostgreSQL URL (an empty database), else a SQLite file in `folder`."""
    township = township or folder / "township-push.sqlite3"
    codes = new_township(township, ["青石村", "桃源村"])
    db = new_counter(folder / "counter.sqlite", "青石村")
    try:
        with serving(township) as server, httpx.Client(timeout=client.TIMEOUT) as http:
            enrol(db, server.url, codes["青石村"])
            _sync(db, http)  # the residents and households made while setting up
            push, idle = _timed_push(db, http, server, log, township), _idle_rounds(db, http, log)
            log(f"township: the same {ENTRIES:,} entries pre-made, server alone …")
            raw = server_only_push(server, codes["桃源村"], ENTRIES, township)
            return {"push": push, "idle_sync": idle, "server_only_push": raw,
                    "server_peak_rss_mb": peak_rss_mb(server.pid)}
    finally:
        db.close()
