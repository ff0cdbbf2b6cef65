"""`kiosk restore` over a damaged database, on a counter enrolled with a real township: the sales
made after the backup come back from the township, under their receipts, and nothing repeats."""

from __future__ import annotations

import time
from datetime import datetime

import httpx
import pytest
from fastapi.testclient import TestClient

from kiosk.services.setup import backup, create as setup
from kiosk.services.audit.check import run_check
from kiosk.services.context import Context
from tests.conftest import MANAGER_PIN
from tests.damaged_files import flip_bytes, fold_wal
from tests.sync.test_rollback import counter_balances, enrolled_counter, township_balances, township_sales


@pytest.fixture
def counter(shop, db_path, tmp_path):
    yield from enrolled_counter(shop, db_path, tmp_path, datetime.now().replace(microsecond=0), time.time)


def _through(http: TestClient, refuse: bool = False) -> httpx.Client:
    """A client to the test township that the CLI can open and close (or one that cannot reach it)."""

    def handle(request: httpx.Request) -> httpx.Response:
        if refuse:
            raise httpx.ConnectError("no network", request=request)
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)

    return httpx.Client(transport=httpx.MockTransport(handle))


def _damaged_after_a_backup(counter, tmp_path):
    counter.sell(3)
    counter.sync()
    saved = tmp_path / "saved.sqlite"
    backup.backup(counter.ctx, saved)
    after = counter.sell(2)
    counter.sync()
    counter.db.close()
    fold_wal(counter.path)
    flip_bytes(counter.path)
    return saved, after


def _reopen(counter) -> None:
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)


def test_restore_over_damaged_books_pulls_back_the_sales_made_after_the_backup(counter, tmp_path, kiosk,
                                                                               monkeypatch):
    saved, after = _damaged_after_a_backup(counter, tmp_path)
    monkeypatch.setattr("kiosk.cli.setup.backup._http", lambda: _through(counter.http))
    done = kiosk("--db", str(counter.path), "restore", str(saved), "--yes", "--operator", "刘建军",
                 "--pin", MANAGER_PIN)
    assert done.code == 0, done.err
    assert "改名留着" in done.out and "从乡镇取回" in done.out
    _reopen(counter)
    held = {r["id"]: r["receipt"] for r in counter.db.all("SELECT id, receipt FROM sale")}
    assert {s.id: s.receipt for s in after}.items() <= held.items()      # back, under their own receipts
    sales = township_sales(counter.store)
    assert len(sales) == len(set(sales)) == 5 and set(held) == set(sales)
    assert counter_balances(counter.db) == township_balances(counter.store)
    assert run_check(counter.db).problems == []
    assert counter.ctx.terminal.number == 2
    new = counter.sell(1)[0]
    assert new.receipt not in held.values() and new.receipt.split("-")[1] == "02"
    shown = kiosk("--db", str(counter.path), "sync", "status").out
    assert "从备份恢复后，本机已改用新的收银台号 02（原来是 01）" in shown


def test_restore_offline_says_the_next_sync_brings_them_back(counter, tmp_path, kiosk, monkeypatch):
    saved, after = _damaged_after_a_backup(counter, tmp_path)
    monkeypatch.setattr("kiosk.cli.setup.backup._http", lambda: _through(counter.http, refuse=True))
    done = kiosk("--db", str(counter.path), "restore", str(saved), "--yes", "--operator", "刘建军",
                 "--pin", MANAGER_PIN)
    assert done.code == 0, done.err
    assert "连不上乡镇" in done.out and "下次联网同步" in done.out
    _reopen(counter)
    assert counter.sync().healed
    held = {r[0] for r in counter.db.all("SELECT id FROM sale")}
    assert {s.id for s in after} <= held
    assert counter_balances(counter.db) == township_balances(counter.store)
