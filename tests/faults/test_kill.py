"""SIGKILL of the counter (a child process, see kill_wrapper.py) at the three bad moments,
and of the township server mid-batch; then a normal sync recovers to the state a run
without the kill reaches: records once, outbox empty, cursor at the top, balances equal."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import datetime

import httpx

from kiosk.store import ledger
from kiosk.sync import client, state
from tests.conftest import give
from tests.faults.proxy import Fault, FaultProxy
from tests.faults.township import (
    ROOT,
    OtherCounter,
    ServerProcess,
    assert_converged,
    counts,
    enrol_through,
    server_rows,
)
from tests.sync.remote import account_of


def killed(mode: str, db_path) -> None:
    child = subprocess.run([sys.executable, "-m", "tests.faults.kill_wrapper", mode, str(db_path)],
                           check=False, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr


def sync(db) -> client.SyncResult:
    with httpx.Client(timeout=20) as http:
        return client.sync_once(db, http, datetime.now())


def balance(db, card: str) -> int:
    return ledger.balance(db, account_of(db, card)[0])


def own_at_township(township_db, db) -> int:
    return server_rows(township_db, "SELECT COUNT(*) FROM record WHERE terminal_id = ?",
                       (state.load(db).terminal_id,))[0][0]


def test_killed_after_the_local_commit_before_any_push(terminal, db_path, township_db, proxy):
    give(terminal, "JF000001", 2)
    journal = terminal.db.scalar("SELECT COUNT(*) FROM journal")
    killed("local_commit", db_path)
    assert terminal.db.scalar("SELECT COUNT(*) FROM journal") > journal       # the award and sale are kept
    assert terminal.db.scalar("SELECT COUNT(*) FROM sale") == 1
    assert "POST /v1/push" not in proxy.seen and own_at_township(township_db, terminal.db) == 0
    assert sync(terminal.db).ok
    assert balance(terminal.db, "JF000001") == 1000                           # 10 + 5 − 5
    assert_converged(terminal.db, township_db)


def test_killed_after_the_township_committed_before_the_acknowledgement(terminal, db_path, township_db, proxy):
    give(terminal, "JF000001", 2)
    waiting = counts(terminal.db)["waiting"]
    killed("server_commit", db_path)
    assert own_at_township(township_db, terminal.db) == waiting               # the township has it all …
    assert counts(terminal.db)["waiting"] == waiting                          # … the counter does not know
    again = sync(terminal.db)
    assert again.ok and again.pushed == 0, again                              # nothing sent twice
    assert own_at_township(township_db, terminal.db) == waiting
    assert balance(terminal.db, "JF000001") == 1000
    assert_converged(terminal.db, township_db)


def test_killed_in_the_middle_of_applying_a_pull_page(terminal, db_path, township_db, server, codes):
    give(terminal, "JF000001")
    assert sync(terminal.db).ok
    others = OtherCounter(server, codes[1], terminal.db).award([500, 800, 300, 200, 100])
    cursor = state.load(terminal.db).pull_cursor
    killed("pull_page", db_path)
    assert state.load(terminal.db).pull_cursor == cursor                      # the page's transaction
    assert terminal.db.scalar("SELECT COUNT(*) FROM sync_remote") == 0        # died whole
    assert balance(terminal.db, "JF000001") == 500
    again = sync(terminal.db)
    assert again.ok and again.pulled == 5 and again.applied == 5, again
    assert balance(terminal.db, "JF000001") == 500 + 1900
    assert_converged(terminal.db, township_db, others)


def test_the_township_killed_mid_batch_then_restarted_on_the_same_db(shop, township_db, codes, monkeypatch):
    monkeypatch.setattr(client, "PUSH_BATCH", 40)
    first = ServerProcess(township_db).start()
    proxy = FaultProxy(first.port)
    try:
        enrol_through(shop.db, proxy.url, codes[0])
        give(shop, "JF000001", 100)
        waiting = counts(shop.db)["waiting"]
        assert waiting > 2 * 40
        kill = proxy.inject(Fault("pass", nth=2, then=first.kill))           # the 2nd batch reaches it
        result = sync(shop.db)
        assert kill.fired.is_set() and first.process.returncode == -signal.SIGKILL
        assert not result.ok and result.error == "sync_offline", result
        stored = own_at_township(township_db, shop.db)
        assert stored in (40, 80)                                             # the batch whole or not at all
        second = ServerProcess(township_db).start()
        proxy.upstream = second.port
        try:
            again = sync(shop.db)
            assert again.ok and again.pushed == waiting - stored, again
            assert_converged(shop.db, township_db)
        finally:
            second.stop()
    finally:
        proxy.close()
        first.stop()
