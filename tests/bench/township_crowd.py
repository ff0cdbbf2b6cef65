"""300 counters syncing at once: `serve --workers 2` on loopback, each counter a thread with its
own connection, all released together by a barrier.

Each counter makes a round with nothing new (state, then a pull from its cursor), then a push of
50 entries and a pull. Targets: nothing-new round p95 ≤ 50 ms, no error, and afterwards every
record stored once (commit numbers 1..N without a gap) and each counter's high water 50. The
client threads share this machine's CPUs with the server, so the figures are an upper bound.
"""

from __future__ import annotations

import json
import threading
import time
from time import perf_counter_ns

import httpx

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record, signed_headers
from kiosk.township.store import Store
from tests.bench.timing import summary
from tests.bench.township_push import peak_rss_mb
from tests.bench.township_server import serving

COUNTERS, PER_VILLAGE, PUSHED, TARGET_IDLE_MS = 300, 10, 50, 50.0


def _codes(target) -> list[str]:
    store = Store(target)
    try:
        codes = []
        for v in range(COUNTERS // PER_VILLAGE):
            store.add_village(f"村{v:02d}", "积分")
            codes += [store.issue_code(f"村{v:02d}")["code"] for _ in range(PER_VILLAGE)]
        return codes
    finally:
        store.close()


def _call(http: httpx.Client, till: dict, method: str, path: str, body: bytes = b"") -> dict:
    headers = signed_headers(till["terminal_id"], till["secret"], method, path, body, time.time())
    answer = http.request(method, path, content=body or None, headers=headers | {"Content-Type": "application/json"})
    answer.raise_for_status()
    return answer.json()


def _counter(url: str, till: dict, barrier: threading.Barrier, idle: list, push: list, errors: list) -> None:
    try:
        with httpx.Client(base_url=url, timeout=60) as http:
            cursor = _call(http, till, "GET", "/v1/state")["cursor_hint"]
            barrier.wait()
            start = perf_counter_ns()
            _call(http, till, "GET", "/v1/state")
            page = _call(http, till, "GET", f"/v1/pull?since={cursor}&limit=500")
            idle.append(perf_counter_ns() - start)
            records = [Record.make(new_id(), till["terminal_id"], n, "entry",
                                   {"account_id": f"A{n:04d}", "hundredths": 100, "kind": "award"}).as_json()
                       for n in range(1, PUSHED + 1)]
            start = perf_counter_ns()
            stored = _call(http, till, "POST", "/v1/push", json.dumps({"records": records}).encode())
            _call(http, till, "GET", f"/v1/pull?since={page['cursor']}&limit=500")
            push.append(perf_counter_ns() - start)
            if stored["high_water"] != PUSHED:
                errors.append(f"high water {stored['high_water']}")
    except Exception as exc:  # noqa: BLE001  (counted, reported)
        errors.append(repr(exc))


def _checked(target) -> dict:
    store = Store(target)
    try:
        numbers = [r[0] for r in store.all("SELECT commit_no FROM record ORDER BY commit_no")]
        ids = store.one("SELECT COUNT(DISTINCT id) FROM record")[0]
        waters = {r[0] for r in store.all("SELECT high_water FROM terminal")}
    finally:
        store.close()
    return {"records": len(numbers), "gap_free": numbers == list(range(1, len(numbers) + 1)),
            "doubled": len(numbers) - ids, "high_waters": sorted(waters)}


def bench_crowd(target, log, workers: int = 2) -> dict:
    codes = _codes(target)
    with serving(target, workers) as server:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            tills = [http.post("/v1/enrol", json={"code": c, "name": f"收银台{n}"}).json() for n, c in enumerate(codes)]
        log(f"township: {COUNTERS} counters syncing at once ({workers} workers) …")
        idle, push, errors, barrier = [], [], [], threading.Barrier(COUNTERS)
        threads = [threading.Thread(target=_counter, args=(server.url, t, barrier, idle, push, errors)) for t in tills]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rss = [peak_rss_mb(pid) for pid in server.worker_pids()]
    check = _checked(target)
    idle_ms = summary(idle) if idle else {}
    ok = (not errors and check["records"] == COUNTERS * PUSHED and check["gap_free"] and not check["doubled"]
          and idle_ms.get("p95_ms", 1e9) <= TARGET_IDLE_MS)
    return {"counters": COUNTERS, "workers": workers, "idle_round": idle_ms, "push_50_and_pull": summary(push) if push else {},
            "errors": errors[:5], "error_count": len(errors), **check, "peak_rss_mb_per_worker": rss,
            "target_idle_p95_ms": TARGET_IDLE_MS, "ok": ok}
