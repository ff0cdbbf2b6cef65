"""A real counter syncing with the real township (uvicorn) through a fault-injecting proxy.

For each fault the round fails with a clear status (no traceback, nothing lost), then a
clean round through the same proxy converges: every record at the township once, the
outbox empty, balances equal on both sides.
"""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

from kiosk.i18n import message
from kiosk.sync import client, state, status
from tests.conftest import fingerprint, give
from tests.faults.proxy import Fault
from tests.faults.township import (
    OtherCounter,
    assert_converged,
    counts,
    free_port,
    server_rows,
)

HELD = httpx.Timeout(2.0, connect=2.0)   # the real client's is 20 s; a held answer must outlast this
# a failed round writes its error and freezes bodies; an acknowledged batch is linked; a signed state
# had is noted in meta (kiosk/sync/freshness.py)
LOCAL_SYNC_TABLES = ("sync_state", "sync_outbox", "record_chain", "meta")
BATCH = 8


def sync(db, timeout: httpx.Timeout = client.TIMEOUT) -> client.SyncResult:
    with httpx.Client(timeout=timeout) as http:
        return client.sync_once(db, http, datetime.now())


def own_records(township_db, db) -> int:
    tid = state.load(db).terminal_id
    return server_rows(township_db, "SELECT COUNT(*) FROM record WHERE terminal_id = ?", (tid,))[0][0]


def assert_failed_clearly(result: client.SyncResult, db, waiting: int) -> None:
    assert not result.ok and result.error == "sync_offline", result
    words = message(result.error, detail=result.detail or "-")
    assert "连不上乡镇服务器" in words and "数据都还在本机" in words
    assert state.load(db).last_error.startswith("sync_offline")
    assert status.status(db).text.startswith("离线，自 ")
    assert counts(db)["waiting"] == waiting, "the outbox is kept whole"


PUSH_FAULTS = {
    "response cut mid-body after the township committed (200)": lambda: Fault("cut", nth=2, after=12),
    "response reset (RST) after the township committed": lambda: Fault("reset", nth=2, after=0),
    "request cut mid-body": lambda: Fault("cut", nth=2, side="request", after=300),
    "request reset (RST) mid-body": lambda: Fault("reset", nth=2, side="request", after=300),
    "township slower than the client's timeout": lambda: Fault("hold", nth=2),
}


@pytest.mark.parametrize("make", PUSH_FAULTS.values(), ids=PUSH_FAULTS.keys())
def test_a_fault_on_the_second_push_fails_clearly_then_a_clean_round_converges(
        terminal, proxy, township_db, monkeypatch, make):
    fault = make()
    monkeypatch.setattr(client, "PUSH_BATCH", BATCH)   # several push requests per round
    give(terminal, "JF000001", 3)
    give(terminal, "JF000004", 2)
    waiting = counts(terminal.db)["waiting"]
    assert waiting > 2 * BATCH
    before = fingerprint(terminal.db, skip=LOCAL_SYNC_TABLES)
    proxy.inject(fault)
    result = sync(terminal.db, HELD)
    fault.release.set()
    assert fingerprint(terminal.db, skip=LOCAL_SYNC_TABLES) == before
    assert fault.fired.is_set() and proxy.seen[1:4] == ["GET /v1/state", "POST /v1/push", "POST /v1/push"]
    committed_by_township = fault.side == "response"
    assert own_records(township_db, terminal.db) == (2 * BATCH if committed_by_township else BATCH)
    assert_failed_clearly(result, terminal.db, waiting - BATCH)   # the first batch was acknowledged
    again = sync(terminal.db)
    assert again.ok and again.pushed == waiting - (2 * BATCH if committed_by_township else BATCH), again
    assert_converged(terminal.db, township_db)
    assert status.status(terminal.db).text.startswith("已同步 ")


PULL_FAULTS = {
    "pull answer cut mid-body": lambda: Fault("cut", target="GET /v1/pull", after=40),
    "pull answer reset": lambda: Fault("reset", target="GET /v1/pull", after=0),
    "pull answer held past the timeout": lambda: Fault("hold", target="GET /v1/pull"),
}


@pytest.mark.parametrize("make", PULL_FAULTS.values(), ids=PULL_FAULTS.keys())
def test_a_fault_on_a_pull_page_applies_nothing_then_a_clean_round_converges(
        terminal, proxy, server, codes, township_db, make):
    fault = make()
    assert sync(terminal.db).ok          # our records up; then the other counter's come down
    others = OtherCounter(server, codes[1], terminal.db).award([500, 800, 300])
    give(terminal, "JF000001")
    before = fingerprint(terminal.db, skip=LOCAL_SYNC_TABLES)
    cursor = state.load(terminal.db).pull_cursor
    proxy.inject(fault)
    result = sync(terminal.db, HELD)
    fault.release.set()
    assert not result.ok and result.error == "sync_offline"
    assert fingerprint(terminal.db, skip=LOCAL_SYNC_TABLES) == before
    assert state.load(terminal.db).pull_cursor == cursor
    again = sync(terminal.db)
    assert again.ok and again.pulled == 3 and again.applied == 3 and again.pushed == 0, again
    assert_converged(terminal.db, township_db, others)


def test_the_only_push_answered_200_but_cut_leaves_no_frozen_bodies_behind(terminal, proxy, township_db):
    give(terminal, "JF000001", 2)
    waiting = counts(terminal.db)["waiting"]
    proxy.inject(Fault("cut", after=30))
    assert_failed_clearly(sync(terminal.db), terminal.db, waiting)
    assert own_records(township_db, terminal.db) == waiting       # the township committed it all
    again = sync(terminal.db)
    assert again.ok and again.pushed == 0, again                  # nothing sent twice
    assert_converged(terminal.db, township_db)


def test_a_short_delay_is_only_a_delay(terminal, proxy, township_db):
    give(terminal, "JF000001")
    for target in ("GET /v1/state", "POST /v1/push", "GET /v1/pull"):
        proxy.inject(Fault("delay", target=target, seconds=0.2))
    assert sync(terminal.db).ok
    assert_converged(terminal.db, township_db)


def test_the_township_down_leaves_everything_here_then_converges(terminal, township_db):
    give(terminal, "JF000001", 2)
    waiting, url = counts(terminal.db)["waiting"], state.load(terminal.db).server_url
    before = fingerprint(terminal.db, skip=LOCAL_SYNC_TABLES)
    with terminal.db.write() as conn:
        state.update(conn, server_url=f"http://127.0.0.1:{free_port()}")   # nothing listens there
    result = sync(terminal.db)
    assert_failed_clearly(result, terminal.db, waiting)
    assert "ConnectError" in result.detail
    assert fingerprint(terminal.db, skip=LOCAL_SYNC_TABLES) == before
    assert own_records(township_db, terminal.db) == 0
    with terminal.db.write() as conn:
        state.update(conn, server_url=url)
    assert sync(terminal.db).ok
    assert_converged(terminal.db, township_db)
