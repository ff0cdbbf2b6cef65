"""A township server on a temp db, a settable clock, and terminals that sign their requests."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record, signed_headers
from kiosk.township.app import create_app
from kiosk.township.store import Store

NOW = 1_790_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


class Terminal:
    """A counter PC as the server sees it: its id, secret, next seq and signed calls."""

    def __init__(self, client: TestClient, enrolled: dict, clock: Clock) -> None:
        self.client, self.clock = client, clock
        self.id, self.secret, self.village_id = enrolled["terminal_id"], enrolled["secret"], enrolled["village_id"]
        self.seq = 0

    def entry(self, account: str, hundredths: int, **extra) -> Record:
        self.seq += 1
        return Record.make(new_id(), self.id, self.seq, "entry",
                           {"account_id": account, "hundredths": hundredths, **extra})

    def entries(self, n: int, account: str = "acct-1", hundredths: int = 100) -> list[Record]:
        return [self.entry(account, hundredths) for _ in range(n)]

    def call(self, method: str, path: str, body: bytes = b"", *, secret: str | None = None,
             at: float | None = None, headers: dict | None = None):
        signed = signed_headers(self.id, secret or self.secret, method, path, body,
                                self.clock() if at is None else at)
        return self.client.request(method, path, content=body,
                                   headers={**signed, "content-type": "application/json", **(headers or {})})

    def push(self, records: list, **kw):
        items = [r.as_json() if isinstance(r, Record) else r for r in records]
        return self.call("POST", "/v1/push", json.dumps({"records": items}).encode(), **kw)

    def pull(self, since: int = 0, limit: int = 1000):
        return self.call("GET", f"/v1/pull?since={since}&limit={limit}")

    def state(self):
        return self.call("GET", "/v1/state")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(township_db):
    """The township's database: a SQLite file or a PostgreSQL URL (the `backend` parameter)."""
    return township_db


@pytest.fixture
def admin(db_path, clock):
    store = Store(db_path, clock)
    store.add_village("青石村", "美德积分")
    store.add_village("桃源村", "积分")
    yield store
    store.close()


@pytest.fixture
def client(admin, db_path, clock):
    with TestClient(create_app(db_path, clock)) as c:
        yield c


@pytest.fixture
def enrol(client, admin, clock):
    def make(village: str = "青石村", name: str = "收银台1") -> Terminal:
        code = admin.issue_code(village)["code"]
        answer = client.post("/v1/enrol", json={"code": code, "name": name})
        assert answer.status_code == 200, answer.text
        return Terminal(client, answer.json(), clock)
    return make


def records_fingerprint(store: Store) -> list:
    """Every stored record, terminal high water and balance: what a refused input must leave alone."""
    return [list(map(tuple, store.all(sql))) for sql in (
        "SELECT * FROM record ORDER BY commit_no", "SELECT id, high_water FROM terminal ORDER BY id",
        "SELECT * FROM account_balance ORDER BY village_id, account_id")]


def every_row(store: Store) -> dict:
    """Every row of every table: what a refused input must leave alone, on either backend."""
    return {table: sorted(map(tuple, store.all(f"SELECT * FROM {table}")), key=repr)
            for table in sorted(store.db.tables())}


ONLY_SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
