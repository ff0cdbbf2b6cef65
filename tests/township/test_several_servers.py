"""Several township server processes on one PostgreSQL (or one SQLite file): `serve --workers 2` and a
second `serve` on another port give the same answers; nothing shared lives in one process's memory."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path

import httpx
import pytest

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from kiosk.township.store import Store
from tests.township.test_real_server import free_port, signed

ROOT = Path(__file__).resolve().parents[2]


def _serve(url: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "kiosk.township.cli", "--db", url, "serve", "--port", str(port),
                             "--workers", str(workers)], env=env, cwd=ROOT)


def _wait(port: int, process: subprocess.Popen) -> str:
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
    while True:
        assert process.poll() is None, "the server stopped"
        try:
            httpx.get(base + "/v1/cross/villages", timeout=2)
            return base
        except httpx.HTTPError:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)


@contextmanager
def _two_servers(target: str, timeout: float):
    """`serve --workers 2` and a second `serve` on another port, on one database: a client of each,
    and the server processes (stopped at the end)."""
    ports = free_port(), free_port()
    servers = [_serve(target, ports[0], 2), _serve(target, ports[1], 1)]
    try:
        one, two = (httpx.Client(base_url=_wait(p, s), timeout=timeout) for p, s in zip(ports, servers))
        with one, two:
            yield one, two, servers
    finally:
        for server in servers:
            server.terminate()
            server.wait(20)


@pytest.mark.slow
def test_two_serve_processes_one_with_workers_give_the_same_answers(pg_cluster):
    url = pg_cluster.fresh()
    admin = Store(url)
    admin.add_village("青石村", "美德积分")
    codes = [admin.issue_code("青石村")["code"] for _ in range(2)]
    admin.close()
    try:
        with _two_servers(url, timeout=10) as (one, two, _):
            a = one.post("/v1/enrol", json={"code": codes[0], "name": "A"}).json()
            b = two.post("/v1/enrol", json={"code": codes[1], "name": "B"}).json()
            assert one.post("/v1/enrol", json={"code": codes[1], "name": "C"}).status_code == 403   # used on the other
            assert {a["number"], b["number"]} == {1, 2}
            for n in range(1, 11):          # pushes spread over both processes (and both workers of the first)
                record = Record.make(new_id(), a["terminal_id"], n, "entry", {"account_id": "JF000001", "hundredths": 100})
                body = json.dumps({"records": [record.as_json()]}).encode()
                assert signed(one if n % 2 else two, a, "POST", "/v1/push", body).status_code == 200
            answers = [signed(http, b, "GET", "/v1/pull?since=0&limit=100").json() for http in (one, two, one)]
            assert answers[0] == answers[1] == answers[2] and len(answers[0]["records"]) == 10
            assert [r["commit_no"] for r in answers[0]["records"]] == list(range(1, 11))
            states = [signed(http, a, "GET", "/v1/state").json() for http in (one, two)]
            assert states[0]["high_water"] == states[1]["high_water"] == 10
    finally:
        pg_cluster.drop(url)


@pytest.mark.slow
def test_two_serve_processes_on_one_sqlite_file_note_every_last_contact_while_serving(tmp_path):
    """A crowd's states spread over two processes (one of two workers): every terminal's last contact
    lands in the file while the servers go on running (a note waits in a process only for the
    transaction before it)."""
    path = tmp_path / "township.sqlite3"
    admin = Store(path)
    admin.add_village("青石村", "美德积分")
    codes = [admin.issue_code("青石村")["code"] for _ in range(12)]
    admin.close()
    with _two_servers(str(path), timeout=30) as (one, two, servers):
        tills = [(one if n % 2 else two).post("/v1/enrol", json={"code": c, "name": f"收银台{n}"}).json()
                 for n, c in enumerate(codes)]
        before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
        with ThreadPoolExecutor(len(tills) * 2) as crowd:
            answers = list(crowd.map(lambda asked: signed(asked[0], asked[1], "GET", "/v1/state"),
                                     [(http, till) for till in tills for http in (one, two)]))
        assert [(a.status_code, a.json()["terminal_id"]) for a in answers] == \
            [(200, till["terminal_id"]) for till in tills for _ in (one, two)]
        contacts, deadline = [None], time.monotonic() + 30
        while None in contacts and time.monotonic() < deadline:
            time.sleep(0.05)
            contacts = _last_contacts(path, tills)
        after = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 1))
        assert all(before <= (at or "") <= after for at in contacts), contacts
        assert all(s.poll() is None for s in servers)


def _last_contacts(path: Path, tills: list[dict]) -> list:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as reader:   # as a third process
        return [reader.execute("SELECT last_contact FROM terminal WHERE id = ?", (t["terminal_id"],)).fetchone()[0]
                for t in tills]
