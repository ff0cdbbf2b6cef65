"""300 counters syncing at once: `serve --workers 2` on loopback, each counter its own connection.

The counters are tasks of one asyncio loop, each on its own bare HTTP/1.1 connection
(tests/bench/loopback_http.py): 300 client threads on this machine's 2 CPUs would measure the
client's GIL, and httpx's CPU per request the client, not the server. Each counter connects and
makes a round with nothing new (state, then a pull from its cursor unless the state says the
cursor is the last commit and nothing waits to be judged, as kiosk.sync.client; with nothing moved
the client asks neither /v1/anchor, the state naming the head kept, nor /v1/certificates, the
snapshots held being current: the state is the whole round), then a push of 50 entries
(made and signed before the start, as the state and pull requests are) and a pull. Each counter's
last contact is put back SYNC_EVERY_S just before the release (its state made ready wrote it): a
real counter syncs every few minutes, so its nothing-new round is due to note it, and this one is
too (kiosk.township.store.Store.touch). The client's
loop is uvloop's, as the server's is: the 300 counters are 300 PCs, and the less of the shared
2 CPUs their one stand-in takes, the more the figures are the server's. Two ways of arriving:
- burst: all 300 released in the same instant (the worst case: every request queued at once);
- spread: the 300 start at even steps over SPREAD_S seconds (a county's counters syncing in the
  same minutes).
Each round is timed by the client (wall, includes queueing in both processes) and by the
server (the sum of its Server-Timing for the round's requests). Afterwards every record must be
stored once (commit numbers 1..N without a gap) and each counter's high water be 50.
Target: nothing-new round p95 ≤ 50 ms, no error, nothing lost or doubled. Before the crowd, the
server CPU of one nothing-new round, the rounds made one after another (idle_round_alone).
Run alone: `python -m tests.bench.township_crowd [sqlite] [postgresql]`.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from time import perf_counter_ns

import httpx
import uvloop

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record, signed_headers
from kiosk.township.store import Store
from kiosk.township.timing import server_ms
from tests.bench.loopback_http import Connection, HttpError
from tests.bench.timing import summary
from tests.bench.township_push import peak_rss_mb
from tests.bench.township_server import cpu_seconds, database_cpu_seconds, serving

COUNTERS, PER_VILLAGE, PUSHED, TARGET_IDLE_MS, SPREAD_S = 300, 10, 50, 50.0, 30.0
SYNC_EVERY_S = 300       # a counter's rounds, one every few minutes: each is due to note its last contact


def _codes(target, round_no: int) -> list[str]:
    store = Store(target)
    try:
        codes = []
        for v in range(COUNTERS // PER_VILLAGE):
            name = f"村{round_no}-{v:02d}"
            store.add_village(name, "积分")
            codes += [store.issue_code(name)["code"] for _ in range(PER_VILLAGE)]
        return codes
    finally:
        store.close()


class Round:
    """One counter's requests on its own connection, timed by the client (ns) and the server (ms).
    `signed`: requests signed before the release, by (method, path): a counter signs on its own CPU."""

    def __init__(self, http: Connection, till: dict, signed: dict | None = None) -> None:
        self.http, self.till, self.server_ms, self.parts = http, till, 0.0, {"wait": 0.0, "work": 0.0}
        self.signed = signed or {}

    async def call(self, method: str, path: str, body: bytes = b"") -> dict:
        headers = self.signed.get((method, path)) or sign(self.till, method, path, body)
        status, answer_headers, answer = await self.http.request(
            method, path, body, headers | {"Content-Type": "application/json"})
        if status != 200:
            raise HttpError(f"{method} {path}: {status} {answer}")
        self.server_ms += server_ms(answer_headers) or 0.0
        for part in self.parts:
            self.parts[part] += server_ms(answer_headers, part) or 0.0
        return answer


def contacts_due(target, tills: list[dict]) -> None:
    """Each terminal's last contact put back SYNC_EVERY_S, as if its previous round were that long
    ago: its next state is due to note it, as a real counter's is."""
    then = datetime.fromtimestamp(time.time() - SYNC_EVERY_S, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    store = Store(target)
    try:
        with store.write() as conn:
            conn.executemany("UPDATE terminal SET last_contact = ? WHERE id = ?", [(then, t["terminal_id"]) for t in tills])
    finally:
        store.close()


def sign(till: dict, method: str, path: str, body: bytes = b"") -> dict[str, str]:
    return signed_headers(till["terminal_id"], till["secret"], method, path, body, time.time())


def _push_body(till: dict) -> bytes:
    records = [Record.make(new_id(), till["terminal_id"], n, "entry",
                           {"account_id": f"A{n:04d}", "hundredths": 100, "kind": "award"}).as_json()
               for n in range(1, PUSHED + 1)]
    return json.dumps({"records": records}).encode()


async def _counter(address: tuple[str, int], till: dict, go: asyncio.Event, delay: float, out: dict) -> None:
    """The cursor and the push made ready first; then, once released, a counter's sync: it connects,
    a round with nothing new, a push of 50 and a pull."""
    try:
        async with Connection(*address) as http:
            cursor = (await Round(http, till).call("GET", "/v1/state"))["cursor_hint"]
        body, state, pull = _push_body(till), ("GET", "/v1/state"), ("GET", f"/v1/pull?since={cursor}&limit=500")
        signed = {state: sign(till, *state), pull: sign(till, *pull), ("POST", "/v1/push"): sign(till, "POST", "/v1/push", body)}
        out["ready"] += 1
        await go.wait()
        await asyncio.sleep(delay)
        start = perf_counter_ns()
        async with Connection(*address) as http:
            counter = Round(http, till, signed)
            said = await counter.call("GET", "/v1/state")
            if said.get("to_settle") is not False or said["cursor_hint"] > cursor:   # as kiosk.sync.client
                cursor = (await counter.call("GET", f"/v1/pull?since={cursor}&limit=500"))["cursor"]
            out["idle"].append(perf_counter_ns() - start)
            out["idle_server"].append(int(counter.server_ms * 1e6))
            for part, ms in counter.parts.items():
                out[f"idle_{part}"].append(int(ms * 1e6))
            counter.server_ms, start = 0.0, perf_counter_ns()
            stored = await counter.call("POST", "/v1/push", body)
            await counter.call("GET", f"/v1/pull?since={cursor}&limit=500")
            out["push"].append(perf_counter_ns() - start)
            out["push_server"].append(int(counter.server_ms * 1e6))
        if stored["high_water"] != PUSHED:
            out["errors"].append(f"high water {stored['high_water']}")
    except Exception as exc:  # noqa: BLE001  (counted, reported)
        out["errors"].append(repr(exc))


async def _crowd(url: str, tills: list[dict], spread_s: float, before_release: Callable[[], None]) -> dict:
    out = {"idle": [], "idle_server": [], "idle_wait": [], "idle_work": [], "push": [], "push_server": [], "errors": [], "ready": 0}
    go = asyncio.Event()
    step = spread_s / len(tills)
    host, port = url.removeprefix("http://").rsplit(":", 1)
    tasks = [asyncio.create_task(_counter((host, int(port)), t, go, n * step, out)) for n, t in enumerate(tills)]
    while out["ready"] + len(out["errors"]) < len(tills):     # every counter has its cursor: release them
        await asyncio.sleep(0.05)
    before_release()                     # the counters all wait: blocking their loop a moment costs none
    go.set()
    await asyncio.gather(*tasks)
    return out


def _checked(target, tills: list[dict]) -> dict:
    ids = tuple(t["terminal_id"] for t in tills)
    store = Store(target)
    try:
        numbers = [r[0] for r in store.all("SELECT commit_no FROM record ORDER BY commit_no")]
        distinct = store.one("SELECT COUNT(DISTINCT id) FROM record")[0]
        waters = sorted({r["high_water"] for r in store.all("SELECT id, high_water FROM terminal") if r["id"] in ids})
        mine = sum(1 for r in store.all("SELECT terminal_id FROM record") if r[0] in ids)
    finally:
        store.close()
    return {"records": mine, "gap_free": numbers == list(range(1, len(numbers) + 1)),
            "doubled": len(numbers) - distinct, "high_waters": waters}


def _one_crowd(target, server, spread_s: float, round_no: int, log) -> dict:
    codes = _codes(target, round_no)
    with httpx.Client(base_url=server.url, timeout=60) as http:
        tills = [http.post("/v1/enrol", json={"code": c, "name": f"收银台{n}"}).json() for n, c in enumerate(codes)]
    log(f"township: {COUNTERS} counters, {'all at once' if not spread_s else f'over {spread_s:g} s'} …")
    load, server_cpu, own_cpu = os.getloadavg()[0], sum(map(cpu_seconds, server.worker_pids())), time.process_time()
    database_cpu = database_cpu_seconds(target)
    start = perf_counter_ns()
    out = uvloop.run(_crowd(server.url, tills, spread_s, partial(contacts_due, target, tills)))
    wall = (perf_counter_ns() - start) / 1e9
    server_cpu = sum(map(cpu_seconds, server.worker_pids())) - server_cpu
    database = {} if database_cpu is None else {"database_cpu_s": round(database_cpu_seconds(target) - database_cpu, 2)}
    check = _checked(target, tills)
    idle = summary(out["idle"]) if out["idle"] else {}
    ok = (not out["errors"] and check["records"] == COUNTERS * PUSHED and check["gap_free"]
          and not check["doubled"] and check["high_waters"] == [PUSHED] and idle.get("p95_ms", 1e9) <= TARGET_IDLE_MS)
    return {"arrival": "burst" if not spread_s else f"spread over {spread_s:g} s", "idle_round": idle,
            "idle_round_server_side": summary(out["idle_server"]) if out["idle_server"] else {},
            "idle_round_waiting_for_a_thread": summary(out["idle_wait"]) if out["idle_wait"] else {},
            "idle_round_in_its_thread": summary(out["idle_work"]) if out["idle_work"] else {},
            "push_50_and_pull": summary(out["push"]) if out["push"] else {},
            "push_50_and_pull_server_side": summary(out["push_server"]) if out["push_server"] else {},
            "wall_s": round(wall, 2), "server_cpu_s": round(server_cpu, 2), **database,
            "client_cpu_s": round(time.process_time() - own_cpu, 2),
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
            "errors": out["errors"][:5], "error_count": len(out["errors"]), **check, "ok": ok}


def bench_crowd(target, log, workers: int = 2, spreads: tuple[float, ...] | None = None) -> dict:
    """KIOSK_BENCH_CROWD_SPREADS="0" (seconds, comma-separated): only those arrivals (0: the burst)."""
    if spreads is None:
        given = os.environ.get("KIOSK_BENCH_CROWD_SPREADS")
        spreads = tuple(float(x) for x in given.split(",")) if given else (0.0, SPREAD_S)
    Store(target).close()
    with serving(target, workers) as server:
        alone = idle_round_cpu(target, server)
        log(f"township: a nothing-new round alone: {alone['server_cpu_ms_each']} ms server CPU")
        runs = [_one_crowd(target, server, spread, n, log) for n, spread in enumerate(spreads)]
        rss = [peak_rss_mb(pid) for pid in server.worker_pids()]
    return {"counters": COUNTERS, "workers": workers, "idle_round_alone": alone, "runs": runs,
            "peak_rss_mb_per_worker": rss,
            "target_idle_p95_ms": TARGET_IDLE_MS, "ok": all(r["ok"] for r in runs)}


async def _one_by_one(url: str, tills: list[dict]) -> None:
    """Each counter's nothing-new round, one after another (no crowd): the server's own cost of one."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    for till in tills:
        async with Connection(host, int(port)) as http:
            counter = Round(http, till)
            said = await counter.call("GET", "/v1/state")
            if said.get("to_settle") is not False:               # a township before it said so: the pull too
                await counter.call("GET", f"/v1/pull?since={said['cursor_hint']}&limit=500")


def idle_round_cpu(target, server) -> dict:
    """Server CPU per nothing-new round (state, and a pull only if the state asks for one), the
    rounds made one after another: what one round costs the server without a crowd."""
    codes = _codes(target, 99)
    with httpx.Client(base_url=server.url, timeout=60) as http:
        tills = [http.post("/v1/enrol", json={"code": c, "name": f"收银台{n}"}).json() for n, c in enumerate(codes)]
    asyncio.run(_one_by_one(server.url, tills))           # warm up: connections, caches, last contacts
    before, database = sum(map(cpu_seconds, server.worker_pids())), database_cpu_seconds(target)
    start = perf_counter_ns()
    asyncio.run(_one_by_one(server.url, tills))
    wall = (perf_counter_ns() - start) / 1e9
    server_cpu = sum(map(cpu_seconds, server.worker_pids())) - before
    db_cpu = None if database is None else database_cpu_seconds(target) - database
    return {"rounds": len(tills), "wall_ms_each": round(wall / len(tills) * 1000, 2),
            "server_cpu_ms_each": round(server_cpu / len(tills) * 1000, 2),
            **({} if db_cpu is None else {"database_cpu_ms_each": round(db_cpu / len(tills) * 1000, 2)})}


def main() -> None:
    """`python -m tests.bench.township_crowd [sqlite|postgresql ...]`: only the crowd (and the server CPU
    of one nothing-new round), for iterating on it without the 7-minute township benchmark; JSON on stdout."""
    import shutil
    import sys
    import tempfile
    from pathlib import Path

    from tests.pg_cluster import Cluster
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-crowd-"))
    result, cluster = {}, None
    try:
        for backend in sys.argv[1:] or ["sqlite", "postgresql"]:
            if backend == "postgresql":
                cluster = cluster or Cluster()
                target = cluster.fresh(schema=False)
            else:
                target = folder / "crowd.sqlite3"
            result[backend] = bench_crowd(target, log)
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
