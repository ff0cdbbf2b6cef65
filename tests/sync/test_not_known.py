"""A round the township refuses because it no longer knows this counter, or because of its clock.

The township answers 401, unsigned, before it reads the request: its clerk retired the counter
(its secret is then one nobody knows), the counter's id is not among its terminals, or the time
is outside its window. The counter says so in words of its own (never the township's, which
carry the terminal's id, never the HTTP code), what to do, and that nothing on it is lost; the
answer changes nothing here but the words shown. Once enrolled again, the records that waited go up.

The real township app; the village of tests/sync/test_with_township.py (青石村).
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest

from kiosk.cli.sync import township as cli_sync
from kiosk.services.sync import admin as sync_admin
from kiosk.sync import calls, client, state, status
from kiosk.township.tables import terminals
from tests.conftest import fingerprint, give
from tests.sync.test_with_township import NOW, _enrol, township  # noqa: F401  (township: a fixture)


def retire(store, terminal_id: str) -> None:
    """The clerk retires the counter in the township's console (a lost PC): what it signs is refused."""
    with store.write() as conn:
        terminals.retire(conn, terminal_id, "2026-11-03 10:31:00", "clerk", "换了新电脑")


def seen_by_people(shop, result: client.SyncResult) -> list[str]:
    """Every place the round's end is said: the top bar, the sync screen's line and error, `sync now`."""
    shown = status.status(shop.db, NOW)
    return [shown.text, sync_admin.result_words(result), sync_admin.error_words(state.load(shop.db).last_error)]


def assert_no_id_no_code(words: list[str], terminal_id: str) -> None:
    for said in words:
        assert terminal_id not in said and "HTTP" not in said and "401" not in said, said
        assert "auth_" not in said and "sync_" not in said, said


def test_a_retired_counter_is_told_to_go_to_the_township_not_that_it_is_offline(shop, township):
    store, http = township
    terminal_id = _enrol(shop.db, store, http)
    assert client.sync_once(shop.db, http, NOW).ok
    retire(store, terminal_id)
    give(shop, "JF000001")
    result = client.sync_once(shop.db, http, NOW)
    assert not result.ok and result.error == "sync_not_known"
    bar, screen, error = seen_by_people(shop, result)
    assert status.status(shop.db, NOW).kind == "not_known"
    assert bar.startswith("⚠ 乡镇不认这台收银机了") and "重新接入" in bar
    assert "离线" not in bar and bar.endswith("待上传 1")
    days_later = status.status(shop.db, NOW + timedelta(days=3)).text
    assert days_later.startswith("⚠ 乡镇不认这台收银机了"), "the cause, not the age of the township's word"
    for said in (screen, error):
        assert "乡镇服务器不认这台收银机了" in said and "联系乡镇管理员" in said and "重新接入" in said
        assert "什么也没丢" in said and "青石村" in said and "第 1 号收银电脑" in said
        assert "网络" not in said
    assert_no_id_no_code([bar, screen, error], terminal_id)


def test_a_counter_the_township_has_never_heard_of_says_the_same(shop, township):
    """Its id is not among the township's terminals (auth_unknown, whose own words name that id)."""
    store, http = township
    _enrol(shop.db, store, http)
    with shop.db.write() as conn:
        state.update(conn, terminal_id="T-nobody-knows")
    result = client.sync_once(shop.db, http, NOW)
    assert result.error == "sync_not_known"
    words = seen_by_people(shop, result)
    assert words[0].startswith("⚠ 乡镇不认这台收银机了") and "第 1 号收银电脑" in words[1]
    assert_no_id_no_code(words, "T-nobody-knows")


def test_the_refusal_changes_nothing_but_the_words_and_enrolling_again_sends_what_waited(shop, township):
    store, http = township
    terminal_id = _enrol(shop.db, store, http)
    assert client.sync_once(shop.db, http, NOW).ok
    retire(store, terminal_id)
    give(shop, "JF000001", 3)
    before = fingerprint(shop.db, skip=("sync_state",))
    kept = state.load(shop.db)
    assert not client.sync_once(shop.db, http, NOW).ok
    after = state.load(shop.db)
    assert fingerprint(shop.db, skip=("sync_state",)) == before
    assert (after.pushed_high_water, after.pull_cursor, after.secret) == (kept.pushed_high_water, kept.pull_cursor,
                                                                          kept.secret)
    assert status.status(shop.db, NOW).waiting == 3
    new_id = _enrol(shop.db, store, http)
    assert "不认" not in status.status(shop.db, NOW).text, "enrolled again: the old refusal is no longer said"
    again = client.sync_once(shop.db, http, NOW)
    assert again.ok and status.status(shop.db, NOW).kind == "ok" and status.status(shop.db, NOW).waiting == 0
    with store.write() as conn:
        held = conn.execute("SELECT COUNT(*) FROM record WHERE terminal_id = ? AND type = 'entry'",
                            (new_id,)).fetchone()[0]
    assert held == 3, "the awards that waited went up under the new enrolment"


def test_a_clock_the_township_refuses_says_to_set_the_clock(shop, township, monkeypatch):
    """Off by a year with no Date header to sign by instead: the township's auth_time stands."""
    store, http = township
    terminal_id = _enrol(shop.db, store, http)
    monkeypatch.setattr(calls, "server_time", lambda response: None)
    give(shop, "JF000001")
    result = client.sync_once(shop.db, http, NOW - timedelta(days=365))
    assert result.error == "sync_clock_off"
    bar, screen, error = seen_by_people(shop, result)
    assert status.status(shop.db, NOW).kind == "clock"
    assert bar.startswith("⚠ 电脑时间不对") and "日期和时间改对" in bar and "离线" not in bar
    for said in (screen, error):
        assert "日期和时间改对" in said and "什么也没丢" in said and "不认" not in said
    assert_no_id_no_code([bar, screen, error], terminal_id)


def test_an_unknown_refusal_is_not_taken_for_either(shop, township):
    """A 401 without the township's code (a proxy asking for a password): refused, not 'not known'."""
    import httpx

    store, http = township
    _enrol(shop.db, store, http)
    proxy = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(401, text="Unauthorized")))
    result = client.sync_once(shop.db, proxy, NOW)
    assert result.error == "sync_server_refused" and status.status(shop.db, NOW).kind == "offline"


@pytest.fixture
def wired(township, monkeypatch):
    monkeypatch.setattr(cli_sync, "_http", lambda: contextlib.nullcontext(township[1]))   # the app stays up
    monkeypatch.setattr(cli_sync, "_now", lambda: NOW)
    return township


def test_sync_now_and_status_on_the_command_line(shop, wired, kiosk, db_path):
    store, http = wired
    terminal_id = _enrol(shop.db, store, http)
    retire(store, terminal_id)
    done = kiosk("--db", str(db_path), "sync", "now")
    assert done.code == 1 and "乡镇服务器不认这台收银机了" in done.err and "第 1 号收银电脑" in done.err
    shown = kiosk("--db", str(db_path), "sync", "status")
    assert shown.code == 0 and shown.out.startswith("⚠ 乡镇不认这台收银机了")
    assert_no_id_no_code([done.out, done.err, shown.out], terminal_id)


def test_the_counters_top_bar_says_it_after_a_background_round(counter, shop, township):
    """pytest-qt: the counter's own sync job, its round against the real township, the label it leaves."""
    from kiosk.ui import sync_job
    from kiosk.ui.tasks import ImmediateRunner

    store, http = township
    shop.clock.set(NOW)
    terminal_id = _enrol(shop.db, store, http)
    retire(store, terminal_id)
    job = sync_job.start(counter, runner=ImmediateRunner(), http=lambda: contextlib.nullcontext(http),
                         draw=lambda: 0.5)
    try:
        assert "尚未同步" in counter.sync_status.text() and "不认" not in counter.sync_status.text()
        job.sync()
        assert job.last.error == "sync_not_known"
        shown = counter.sync_status.text()
        assert shown.startswith("⚠ 乡镇不认这台收银机了：请找乡镇重新接入") and "离线" not in shown
        assert terminal_id not in shown
    finally:
        job.stop()


def township_records(store) -> int:
    with store.write() as conn:
        return conn.execute("SELECT COUNT(*) FROM record").fetchone()[0]


def test_a_retired_counters_usb_stick_is_said_to_be_from_a_retired_counter_not_forged(shop, township, tmp_path):
    """The township's clerk imports the stick: the counter is named, when and why it was retired, what to do."""
    from kiosk.sync import usb
    from kiosk.township import usb as township_usb
    from kiosk.township.words import TownshipRefused

    store, http = township
    terminal_id = _enrol(shop.db, store, http)
    retire(store, terminal_id)
    give(shop, "JF000001")
    out = usb.export_bundle(shop.db, tmp_path / "qs.zip", NOW)
    before = township_records(store)
    with pytest.raises(TownshipRefused) as refused:
        township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    words = refused.value.words("zh")
    assert refused.value.code == "bundle_retired" and township_records(store) == before
    assert "青石村的收银机“收银台 1”" in words and "2026-11-03 10:31 已停用（换了新电脑）" in words
    assert "重新接入" in words and "签名不对" not in words and terminal_id not in words
    assert not (tmp_path / "reply.zip").exists()
    _enrol(shop.db, store, http)
    again = usb.export_bundle(shop.db, tmp_path / "again.zip", NOW)
    assert township_usb.import_bundle(store, again.path, tmp_path / "reply.zip")["results"]
    assert township_records(store) > before, "enrolled again, what waited comes in by stick too"


def test_a_stick_from_a_counter_the_township_never_knew_names_no_id(shop, township, tmp_path):
    from kiosk.sync import usb
    from kiosk.township import usb as township_usb
    from kiosk.township.words import TownshipRefused

    store, http = township
    _enrol(shop.db, store, http)
    with shop.db.write() as conn:
        state.update(conn, terminal_id="T-nobody-knows")
    out = usb.export_bundle(shop.db, tmp_path / "qs.zip", NOW)
    with pytest.raises(TownshipRefused) as refused:
        township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    words = refused.value.words("zh")
    assert refused.value.code == "bundle_unknown_terminal" and "不认识的收银机" in words
    assert "T-nobody-knows" not in words and "重新接入" in words
