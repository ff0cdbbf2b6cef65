"""One sync round over HTTP against a fake township: push, quarantine, gaps, pull, failures."""

from __future__ import annotations

import socket
from datetime import datetime

import httpx
import pytest

from kiosk.i18n import message
from kiosk.sync import client, enrolment, state, status
from kiosk.sync.wire import Record
from tests.conftest import fingerprint, give
from tests.sync import remote

NOW = datetime(2026, 11, 3, 10, 30, 0)


def _journal_top(db) -> int:
    return db.scalar("SELECT MAX(seq) FROM journal WHERE terminal_id = (SELECT value FROM meta WHERE key = 'terminal_id')")


def test_a_round_pushes_everything_and_pulls_what_is_new(shop, township):
    give(shop, "JF000001", 3)
    township.publish([remote.entry(shop.db, hundredths=800)])
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok, result
    top = _journal_top(shop.db)
    assert result.pushed == top and township.high_water == top
    assert sorted(r.seq for r in township.stored.values()) == list(range(1, top + 1))
    assert (result.pulled, result.applied) == (1, 1)
    now = state.load(shop.db)
    assert now.pushed_high_water == top and now.pull_cursor == "1" and now.last_ok_at == "2026-11-03 10:30:00"
    assert status.status(shop.db).waiting == 0
    assert shop.db.scalar("SELECT COUNT(*) FROM sync_outbox") == 0  # acknowledged bodies forgotten


def test_a_second_round_sends_only_what_is_new(shop, township):
    client.sync_once(shop.db, township.client(), NOW)
    give(shop, "JF000001")
    township.requests.clear()
    before = len(township.stored)
    assert client.sync_once(shop.db, township.client(), NOW).pushed == 1
    assert len(township.stored) == before + 1


def test_after_a_restore_the_township_high_water_wins_and_numbering_goes_on(shop, township, db_path, tmp_path):
    from kiosk.services.setup import backup, create as setup
    from kiosk.services.context import Context

    give(shop, "JF000001", 2)
    client.sync_once(shop.db, township.client(), NOW)
    backup.backup(shop, tmp_path / "old.sqlite")
    give(shop, "JF000001", 3)  # pushed after the backup: the township holds more than the backup knows
    client.sync_once(shop.db, township.client(), NOW)
    held = township.high_water
    shop.db.close()
    backup.restore(db_path, tmp_path / "old.sqlite", now=NOW)
    db = setup.open_shop(db_path)
    try:
        assert state.resume_flag(db) and state.load(db).pushed_high_water < held
        give(Context(db, shop.actor, shop.clock), "JF000001")  # born under the new identity, seq 1
        township.requests.clear()
        result = client.sync_once(db, township.client(), NOW)
        assert result.ok and result.pushed == 1, result
        assert township.requests[0] == "GET /v1/state"
        assert sorted(r.seq for r in township.stored.values()) == list(range(1, held + 2))  # no fork, no gap
        now = state.load(db)
        assert now.pushed_high_water == held + 1 and now.seq_base == held
        assert not state.resume_flag(db) and status.status(db).waiting == 0
    finally:
        db.close()


def test_rejected_records_are_quarantined_and_never_block_the_rest(shop, township):
    township.reject["rule"] = "规则只能由乡镇发布"
    give(shop, "JF000001")
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok
    rules = shop.db.scalar("SELECT COUNT(*) FROM journal WHERE record_type = 'rule'")
    assert result.quarantined == rules > 0
    assert state.load(shop.db).pushed_high_water == _journal_top(shop.db)  # past the rejects
    reasons = {r["reason"] for r in shop.db.all("SELECT reason FROM sync_reject")}
    assert reasons == {"规则只能由乡镇发布"}
    shown = status.status(shop.db)
    assert shown.quarantined == rules and f"{rules} 条被退回" in shown.text
    give(shop, "JF000001")  # the queue goes on
    assert client.sync_once(shop.db, township.client(), NOW).pushed == 1


def test_a_conflict_is_quarantined(shop, township):
    records = client.outbox.pending(shop.db, 0, 5)
    first = records[0]
    township.stored[first.id] = Record.make(first.id, first.terminal_id, first.seq, first.type, {"other": 1})
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok and result.quarantined == 1
    assert shop.db.scalar("SELECT status FROM sync_reject") == "conflict"


def test_a_gap_resends_from_where_the_township_expects(shop, township):
    give(shop, "JF000001", 2)
    client.sync_once(shop.db, township.client(), NOW)
    lost = sorted(township.stored.values(), key=lambda r: r.seq)[-3:]
    for record in lost:  # the township lost its last three records, but its state answer is stale
        del township.stored[record.id]
    township.state_high_water, township.high_water = township.high_water, township.high_water - 3
    give(shop, "JF000001")
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok
    assert sorted(r.seq for r in township.stored.values()) == list(range(1, _journal_top(shop.db) + 1))


def test_the_server_down_leaves_everything_and_says_offline_since_when(shop):
    from tests.sync.conftest import enrol

    enrol(shop.db)
    with socket.socket() as sock:  # a port nobody listens on: connection refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with shop.db.write() as conn:
        state.update(conn, server_url=f"http://127.0.0.1:{port}")
    before = fingerprint(shop.db, skip=("sync_state",))
    with httpx.Client() as http:
        first = client.sync_once(shop.db, http, NOW)
        later = client.sync_once(shop.db, http, NOW.replace(minute=45))
    assert not first.ok and first.error == "sync_offline" and later.error == "sync_offline"
    assert fingerprint(shop.db, skip=("sync_state",)) == before
    shown = status.status(shop.db)
    assert shown.kind == "offline" and shown.offline_since == "2026-11-03 10:30:00"
    assert shown.text.startswith("离线，自 ") and "10:30" in shown.text and "待上传" in shown.text
    assert "连不上乡镇服务器" in message("sync_offline", detail=first.detail)


def test_a_cut_connection_loses_nothing_and_a_retry_is_acknowledged(shop, township):
    give(shop, "JF000001", 2)
    township.cut_after_push = True
    before = fingerprint(shop.db, skip=("sync_state", "sync_outbox"))
    cut = client.sync_once(shop.db, township.client(), NOW)
    assert not cut.ok and cut.error == "sync_offline"
    assert state.load(shop.db).pushed_high_water == 0  # not acknowledged: nothing marked sent
    assert fingerprint(shop.db, skip=("sync_state", "sync_outbox")) == before
    stored = dict(township.stored)
    township.state_high_water = 0  # a township that answers state from before the cut
    retry = client.sync_once(shop.db, township.client(), NOW)
    assert retry.ok and retry.pushed == len(stored) and retry.quarantined == 0
    assert township.stored == stored  # every resent record was a duplicate of what it holds
    assert state.load(shop.db).pushed_high_water == _journal_top(shop.db)
    assert status.status(shop.db).kind == "ok"


def test_a_garbled_answer_changes_nothing(shop, township):
    township.publish([remote.entry(shop.db)])
    client.sync_once(shop.db, township.client(), NOW)
    township.publish([remote.entry(shop.db)])
    garbled = httpx.MockTransport(lambda request: township.handle(request) if "pull" not in str(request.url)
                                  else httpx.Response(200, content=b'{"records": [{"id": 1'))
    before = fingerprint(shop.db, skip=("sync_state",))
    result = client.sync_once(shop.db, httpx.Client(transport=garbled), NOW)
    assert result.error == "sync_bad_answer"
    assert fingerprint(shop.db, skip=("sync_state",)) == before


@pytest.mark.parametrize("answer", [b'{"records": [], "cursor": NaN, "more": false}',
                                    b'{"records": ' + b"[" * 50000 + b"]" * 50000 + b"}",
                                    b'{"records": [], "cursor": 123456789012345678901234567890}'])
def test_an_answer_the_counter_cannot_hold_changes_nothing(shop, township, answer):
    township.publish([remote.entry(shop.db)])
    odd = httpx.MockTransport(lambda request: township.handle(request) if "pull" not in str(request.url)
                              else httpx.Response(200, content=answer))
    sync_only = ("sync_state", "record_chain")   # the push before the pull was acknowledged: sync's own state
    before = fingerprint(shop.db, skip=sync_only)
    result = client.sync_once(shop.db, httpx.Client(transport=odd), NOW)
    assert result.error == "sync_bad_answer"
    assert fingerprint(shop.db, skip=sync_only) == before


def test_not_enrolled_asks_nothing(shop):
    calls = []
    http = httpx.Client(transport=httpx.MockTransport(lambda r: calls.append(r) or httpx.Response(500)))
    assert client.sync_once(shop.db, http, NOW).error == "sync_not_enrolled"
    assert calls == [] and status.status(shop.db).text.startswith("未接入乡镇")


def test_enrolment_stores_the_secret(shop, township):
    with shop.db.write() as conn:
        state.update(conn, secret=None, terminal_id=None, server_url="")
    terminal_id = enrolment.enrol(shop.db, township.client(), "http://township.test/", "ABCD-1234", NOW)
    current = state.load(shop.db)
    assert current.secret == township.secret and terminal_id == township.terminal_id
    assert current.server_url == "http://township.test"


def test_busy_books_end_the_round_quietly(shop, township, monkeypatch):
    import sqlite3

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(client.outbox, "for_township", locked)
    before = fingerprint(shop.db, skip=("sync_state",))
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.error == "sync_local_error" and "database is locked" in result.detail
    assert "稍后会再试" in message("sync_local_error", detail=result.detail)
    assert fingerprint(shop.db, skip=("sync_state",)) == before


def test_big_records_go_in_several_requests(shop, township, monkeypatch):
    monkeypatch.setattr(client, "PUSH_BYTES", 2000)
    give(shop, "JF000001", 3)
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok and result.pushed == _journal_top(shop.db)
    assert township.requests.count("POST /v1/push") > 3


def test_a_township_whose_database_is_away_503_is_offline_and_keeps_the_outbox(shop):
    from tests.sync.conftest import enrol

    enrol(shop.db)
    give(shop, "JF000001")
    busy = httpx.MockTransport(lambda request: httpx.Response(
        503, headers={"Retry-After": "30"}, json={"error": "db_unavailable", "message": "乡镇数据库暂时连不上"}))
    before = fingerprint(shop.db, skip=("sync_state",))
    with httpx.Client(transport=busy) as http:
        result = client.sync_once(shop.db, http, NOW)
    assert not result.ok and result.error == "sync_offline"     # retried later, not "ask the township"
    assert fingerprint(shop.db, skip=("sync_state",)) == before
    assert state.load(shop.db).pushed_high_water == 0
