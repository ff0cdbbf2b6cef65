"""township: the sync server under real uvicorn (a separate process) over loopback.

Pushes 100,000 entry records from one enrolled terminal in signed batches of 2,000
(target ≥ 10,000 records/s, server answer included), then times "nothing new" sync
rounds — GET /v1/state + GET /v1/pull from the top cursor (target p95 ≤ 50 ms).
The village database passed in is not used: the township keeps its own store.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from time import perf_counter_ns

import httpx

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record, signed_headers
from kiosk.township.store import Store
from tests.bench.timing import summary

RECORDS, BATCH, ROUNDS = 100_000, 2_000, 100
TARGET_RATE, TARGET_ROUND_MS = 10_000, 50.0


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kiosk.township.cli", "--db", str(db), "serve",
                             "--host", "127.0.0.1", "--port", str(port)], env=os.environ.copy())


def _wait(http: httpx.Client, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            http.get("/openapi.json")
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError("the township server did not start")


def _call(http: httpx.Client, who: dict, method: str, path: str, body: bytes = b"") -> httpx.Response:
    headers = signed_headers(who["terminal_id"], who["secret"], method, path, body, time.time())
    answer = http.request(method, path, content=body, headers=headers)
    answer.raise_for_status()
    return answer


def _push_all(http: httpx.Client, till: dict) -> float:
    records = [Record.make(new_id(), till["terminal_id"], n, "entry",
                           {"account_id": f"JF{n % 2000:06d}", "hundredths": 100 + n % 7})
               for n in range(1, RECORDS + 1)]
    start = perf_counter_ns()
    for i in range(0, RECORDS, BATCH):
        body = json.dumps({"records": [r.as_json() for r in records[i:i + BATCH]]}).encode()
        assert _call(http, till, "POST", "/v1/push", body).json()["high_water"] == min(i + BATCH, RECORDS)
    return (perf_counter_ns() - start) / 1e9


def _round(http: httpx.Client, who: dict, cursor: int) -> None:
    _call(http, who, "GET", "/v1/state")
    assert _call(http, who, "GET", f"/v1/pull?since={cursor}&limit=1000").json()["records"] == []


def bench_township(_db, log) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-township-"))
    store = Store(folder / "township.sqlite3")
    store.add_village("青石村", "美德积分")
    code = store.issue_code("青石村")["code"]
    store.close()
    port = _port()
    server = _serve(folder / "township.sqlite3", port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            _wait(http, server)
            till = http.post("/v1/enrol", json={"code": code, "name": "收银台1"}).json()
            log(f"township: pushing {RECORDS} records in batches of {BATCH} …")
            seconds = _push_all(http, till)
            cursor = _call(http, till, "GET", "/v1/state").json()["cursor_hint"]
            for _ in range(10):
                _round(http, till, cursor)
            samples = []
            for _ in range(ROUNDS):
                start = perf_counter_ns()
                _round(http, till, cursor)
                samples.append(perf_counter_ns() - start)
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)
    rate = RECORDS / seconds
    idle = summary(samples) | {"target_p95_ms": TARGET_ROUND_MS}
    idle["ok"] = idle["p95_ms"] <= TARGET_ROUND_MS
    return {"records": RECORDS, "batch": BATCH, "push_s": round(seconds, 3), "records_per_s": round(rate),
            "target_records_per_s": TARGET_RATE, "push_ok": rate >= TARGET_RATE, "idle_round": idle,
            "ok": rate >= TARGET_RATE and idle["ok"]}
