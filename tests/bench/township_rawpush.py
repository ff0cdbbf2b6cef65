"""The server's share of a push: pre-made records POSTed signed, no terminal code at all.

Same records per batch as the counter's client (PUSH_BATCH); what this reaches is the
ceiling for `sync_once` while the terminal waits for each answer before the next batch.
"""

from __future__ import annotations

import json
import os
import time
from time import perf_counter_ns

import httpx

from kiosk.core.ids import new_id
from kiosk.sync.client import PUSH_BATCH
from kiosk.sync.wire import Record, signed_headers
from tests.bench.township_server import Server, cpu_seconds, database_cpu_seconds


def _bodies(terminal_id: str, count: int) -> list[bytes]:
    records = [Record.make(new_id(), terminal_id, n, "entry",
                           {"id": f"e{n}", "account_id": f"A{n % 2000:06d}", "kind": "award",
                            "hundredths": 100 + n % 7, "note": "环境清扫"})
               for n in range(1, count + 1)]
    return [json.dumps({"protocol": 1, "records": [r.as_json() for r in records[i:i + PUSH_BATCH]]},
                       ensure_ascii=False).encode("utf-8")
            for i in range(0, count, PUSH_BATCH)]


def server_only_push(server: Server, code: str, count: int, township=None) -> dict:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        till = http.post("/v1/enrol", json={"code": code, "name": "收银台 raw"}).json()
        bodies = _bodies(till["terminal_id"], count)
        server_cpu, database_cpu, load = cpu_seconds(server.pid), database_cpu_seconds(township), os.getloadavg()[0]
        start = perf_counter_ns()
        for body in bodies:
            headers = signed_headers(till["terminal_id"], till["secret"], "POST", "/v1/push", body, time.time())
            http.post("/v1/push", content=body, headers=headers | {"Content-Type": "application/json"}) \
                .raise_for_status()
        seconds = (perf_counter_ns() - start) / 1e9
    database = {} if database_cpu is None else {"database_cpu_s": round(database_cpu_seconds(township) - database_cpu, 2)}
    return {"entries": count, "batch": PUSH_BATCH, "seconds": round(seconds, 2),
            "server_cpu_s": round(cpu_seconds(server.pid) - server_cpu, 2), **database,
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
            "entries_per_s": round(count / seconds)}
