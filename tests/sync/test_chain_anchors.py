"""Each sync anchors the books' chain head at the township: a rewrite of the books made
after a sync is found by `kiosk check` offline (the heads kept here) and by the township
at the next sync (its own heads), even when the rewrite rehashed the whole chain."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from kiosk.services.audit.check import run_check
from kiosk.store import chain
from kiosk.store.migrations import open_database
from kiosk.sync import client, enrolment
from kiosk.township.app import create_app
from tests.conftest import give
from tests.services.audit.test_chain_anchor import rewrite_first_award_and_rehash

NOW = datetime(2026, 11, 3, 10, 30, 0)
URL = "http://township.test"


@pytest.fixture
def township(tmp_path):
    app = create_app(tmp_path / "township.sqlite", clock=lambda: NOW.timestamp())
    with TestClient(app) as http:
        app.state.store.add_village("青石村", "美德积分")
        yield app.state.store, http


@pytest.fixture
def synced(shop, township):
    """青石村 with awards to 张桂兰, synced once (its head anchored), then one more award."""
    store, http = township
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    give(shop, "JF000004", 2)
    assert client.sync_once(shop.db, http, NOW).ok
    give(shop, "JF000001", 1)
    return shop


def test_a_sync_leaves_the_township_head_here(synced, township):
    store, _ = township
    kept = chain.anchors(synced.db.conn, "township")
    assert len(kept) == 1
    held = store.all("SELECT position, link FROM chain_anchor")
    assert [(row[0], row[1]) for row in held] == [kept[0][:2]]
    assert run_check(synced.db).problems == []


def test_the_next_sync_extends_the_heads_seen(synced, township):
    store, http = township
    assert client.sync_once(synced.db, http, NOW).ok
    assert len(chain.anchors(synced.db.conn, "township")) == 2
    assert store.one("SELECT COUNT(*) FROM incident WHERE detail LIKE '%chain_rewritten%'")[0] == 0
    assert run_check(synced.db).problems == []


def test_a_rewrite_after_a_sync_is_found_offline(synced, db_path):
    synced.db.close()
    rewrite_first_award_and_rehash(db_path)
    db = open_database(db_path)
    try:
        found = run_check(db).problems
    finally:
        db.close()
    assert len(found) == 1 and "乡镇记下的第" in found[0] and "重写过" in found[0]


def test_a_rewrite_with_the_local_heads_wiped_is_found_at_the_next_sync(synced, township, db_path):
    store, http = township
    synced.db.close()
    rewrite_first_award_and_rehash(db_path)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DELETE FROM chain_anchor")
    conn.close()
    db = open_database(db_path)
    try:
        assert run_check(db).problems == []          # nothing left here to compare with
        assert client.sync_once(db, http, NOW).ok
        assert store.one("SELECT COUNT(*) FROM incident WHERE detail LIKE '%chain_rewritten%'")[0] == 1
        assert any("乡镇记下的第" in p for p in run_check(db).problems)
    finally:
        db.close()
