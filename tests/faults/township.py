"""The real township (uvicorn in a thread, or `kiosk-township serve` in a process) and the
checks that a terminal and the township have converged."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx

from kiosk.core.ids import new_id
from kiosk.store import ledger
from kiosk.sync import enrolment, outbox, state, status
from kiosk.sync.wire import Record, signed_headers
from kiosk.township.store import Store
from tests.sync.remote import account_of
from tests.township.test_real_server import RunningServer, free_port

__all__ = [
    "OtherCounter",
    "RunningServer",
    "ServerProcess",
    "assert_converged",
    "counts",
    "enrol_through",
    "free_port",
    "prepare_township",
    "server_rows",
]
ROOT = Path(__file__).resolve().parents[2]
VILLAGE = "青石村"


def prepare_township(path: Path) -> list[str]:
    """A township db with 青石村 and two enrolment codes (this counter and another one)."""
    admin = Store(path)
    admin.add_village(VILLAGE, "美德积分")
    codes = [admin.issue_code(VILLAGE)["code"] for _ in range(2)]
    admin.close()
    return codes


def enrol_through(db, url: str, code: str) -> str:
    with httpx.Client(timeout=10) as http:
        return enrolment.enrol(db, http, url, code, datetime.now())


class OtherCounter:
    """Another counter of 青石村, enrolled straight with the township (not through the proxy),
    awarding points to our 王小明 (JF000001)."""

    def __init__(self, server: RunningServer, code: str, db) -> None:
        self.url = f"http://127.0.0.1:{server.port}"
        enrolled = httpx.post(self.url + "/v1/enrol", json={"code": code, "name": "二号机"}, timeout=10).json()
        self.id, self.secret, self.seq = enrolled["terminal_id"], enrolled["secret"], 0
        self.account_id, self.resident_id = account_of(db, "JF000001")

    def award(self, amounts: list[int]) -> set[str]:
        records = []
        for hundredths in amounts:
            self.seq += 1
            body = {"id": new_id(), "account_id": self.account_id, "resident_id": self.resident_id,
                    "kind": "award", "hundredths": hundredths, "note": "二号机 环境清扫", "terminal_id": self.id,
                    "operator_id": "op-2", "activity_date": "2026-11-03", "at": "2026-11-03 10:00:00"}
            records.append(Record.make(body["id"], self.id, self.seq, "entry", body))
        raw = json.dumps({"records": [r.as_json() for r in records]}).encode()
        headers = signed_headers(self.id, self.secret, "POST", "/v1/push", raw, time.time())
        answer = httpx.post(self.url + "/v1/push", content=raw, headers=headers, timeout=10)
        assert answer.status_code == 200, answer.text
        return {r.id for r in records}


def server_rows(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the township's db directly (WAL: safe while the server runs)."""
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


class ServerProcess:
    """`kiosk-township serve` as a child process, to be SIGKILLed."""

    def __init__(self, db_path: Path, port: int | None = None) -> None:
        self.db_path, self.port = db_path, port or free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> ServerProcess:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.township.cli", "--db", str(self.db_path), "serve",
             "--host", "127.0.0.1", "--port", str(self.port)], cwd=ROOT, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while True:
            assert self.process.poll() is None, self.process.stderr.read().decode()
            assert time.monotonic() < deadline, "kiosk-township serve did not start"
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/openapi.json", timeout=1)
                return self
            except httpx.HTTPError:
                time.sleep(0.05)

    def kill(self, _fault=None) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        self.kill()
        if self.process and self.process.stderr:
            self.process.stderr.close()


def counts(db) -> dict:
    """What the terminal still holds for the township."""
    current = state.load(db)
    return {"waiting": status.status(db).waiting, "frozen": db.scalar("SELECT COUNT(*) FROM sync_outbox"),
            "high_water": current.pushed_high_water, "cursor": current.pull_cursor}


def assert_converged(db, township_db: Path, others: set[str] = frozenset()) -> None:
    """Every local record at the township exactly once, the outbox empty, balances equal,
    the pull cursor at the township's top commit (nothing new was added since the round), `others` (record ids
    of another terminal) received exactly once."""
    current = state.load(db)
    local = outbox.local_terminal_id(db)
    journal = db.scalar("SELECT COUNT(*) FROM journal WHERE terminal_id = ?", (local,))
    seqs = [s for (s,) in server_rows(township_db, "SELECT seq FROM record WHERE terminal_id = ? ORDER BY seq",
                                      (current.terminal_id,))]
    assert seqs == list(range(1, journal + 1)), "every local record at the township exactly once"
    (high_water,), = server_rows(township_db, "SELECT high_water FROM terminal WHERE id = ?", (current.terminal_id,))
    assert current.pushed_high_water == high_water == journal
    assert counts(db)["waiting"] == 0 and counts(db)["frozen"] == 0, "outbox empty"
    (top,), = server_rows(township_db, "SELECT COALESCE(MAX(commit_no), 0) FROM record")
    assert int(current.pull_cursor or 0) == top, ("pull cursor at the township's top commit", current.pull_cursor, top)
    received = [i for (i,) in db.all("SELECT id FROM sync_remote")]
    assert set(received) == set(others) and len(received) == len(others)
    township = dict(server_rows(township_db, "SELECT account_id, hundredths FROM account_balance"
                                " WHERE village_id = ?", (current.village_id,)))
    for (account_id,) in db.all("SELECT id FROM account"):
        assert ledger.balance(db, account_id) == township.get(account_id, 0), account_id
    assert set(township) <= {a for (a,) in db.all("SELECT id FROM account")}
