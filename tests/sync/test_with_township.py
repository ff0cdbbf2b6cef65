"""End to end with the real township app: terminal A → township → terminal B, online and by USB."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from kiosk.services.audit import check
from kiosk.services.setup import backup, create as setup
from kiosk.services.context import Context
from kiosk.store import ledger
from kiosk.store.village import take_new_identity
from kiosk.sync import client, enrolment, state, status, usb
from kiosk.township import usb as township_usb
from kiosk.township.app import create_app
from tests.conftest import give
from tests.sync import remote

NOW = datetime(2026, 11, 3, 10, 30, 0)
URL = "http://township.test"


@pytest.fixture
def township(township_db, tmp_path):
    app = create_app(township_db, clock=lambda: NOW.timestamp())
    with TestClient(app) as http:
        app.state.store.add_village("青石村", "美德积分")
        yield app.state.store, http


def _second_counter(shop, tmp_path) -> Context:
    """Counter 2 of the same village: a copy of the books under its own identity, not enrolled."""
    path = tmp_path / "counter2.sqlite"
    backup.backup(shop, path)
    db = setup.open_shop(path)
    with db.write() as conn:
        take_new_identity(conn, new_id="counter-2", at="2026-11-03 10:00:00")
        conn.execute("DELETE FROM meta WHERE key = 'sync.resume_from_server'")
        state.update(conn, terminal_id=None, secret=None, local_terminal_id=None, pushed_high_water=0)
    return Context(db, shop.actor, shop.clock)


def _enrol(db, store, http) -> str:
    return enrolment.enrol(db, http, URL, store.issue_code("青石村")["code"], NOW)


def _both_enrolled(shop, township, tmp_path) -> Context:
    """A second counter of 青石村 beside `shop`, both enrolled with the township; the second's context."""
    store, http = township
    other = _second_counter(shop, tmp_path)
    _enrol(shop.db, store, http)
    _enrol(other.db, store, http)
    return other


def test_an_award_on_counter_one_reaches_counter_two(shop, township, tmp_path):
    store, http = township
    other = _both_enrolled(shop, township, tmp_path)
    give(shop, "JF000001", 2)
    first = client.sync_once(shop.db, http, NOW)
    assert first.ok and first.quarantined == 0, first
    account_id, _ = remote.account_of(other.db, "JF000001")
    before = ledger.balance(other.db, account_id)
    second = client.sync_once(other.db, http, NOW)
    assert second.ok, second
    assert ledger.balance(other.db, account_id) == before + 1000
    shown = status.status(shop.db, NOW)         # judged at the round's own time: its signed word is fresh
    assert shown.text.startswith("已同步 ") and shown.waiting == 0
    again = client.sync_once(other.db, http, NOW)
    assert again.ok and again.applied == 0  # nothing new, nothing applied twice
    other.db.close()


def test_the_same_round_by_usb_stick(shop, township, tmp_path):
    store, http = township
    _enrol(shop.db, store, http)
    give(shop, "JF000001")
    out = usb.export_bundle(shop.db, tmp_path / "qs.zip", NOW)
    township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    done = usb.import_reply(shop.db, tmp_path / "reply.zip", NOW)
    assert done.high_water == out.last_seq and status.status(shop.db).waiting == 0


def test_an_overdraft_across_counters_comes_back_as_a_hold(shop, township, tmp_path):
    from kiosk.services.shop import checkout

    store, http = township
    give(shop, "JF000001", 4)  # 20 points, known to both counters
    other = _both_enrolled(shop, township, tmp_path)
    checkout.redeem_items(shop, "JF000001", ["6920000000012*3"])   # 15 here …
    assert client.sync_once(shop.db, http, NOW).ok
    checkout.redeem_items(other, "JF000001", ["6920000000012*3"])  # … and 15 there, offline
    assert client.sync_once(other.db, http, NOW).ok
    account_id, _ = remote.account_of(shop.db, "JF000001")
    reason = other.db.scalar("SELECT hold_reason FROM account WHERE id = ?", (account_id,)) or ""
    assert "同一笔积分" in reason and "-10 分" in reason and account_id not in reason
    assert client.sync_once(shop.db, http, NOW).ok
    assert ledger.balance(shop.db, account_id) == -1000  # both redemptions, merged
    assert shop.db.scalar("SELECT hold_reason FROM account WHERE id = ?", (account_id,))
    assert check.run_check(shop.db).ok and check.run_check(other.db).ok
    other.db.close()
