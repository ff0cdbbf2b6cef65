"""The township's word cannot be withheld (kiosk/sync/freshness.py, client._answers_the_pull): an
insider with the shop's file (so the terminal's secret) in the middle who answers every state "nothing
new", or plays back an older genuine pull page, cannot keep the township's hold on his own household
from the counter for more than an hour; the nothing-new round stays one request; an older township
syncs as before."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest

from kiosk.core.errors import Refused
from kiosk.services.shop import checkout
from kiosk.sync import client, freshness, state
from tests.conftest import fingerprint
from tests.sync import insider, remote
from tests.sync.real_township import (  # noqa: F401  (township: a fixture)
    NOW,
    enrol_with_an_older_township,
    enrol_with_awards,
    township,
)

HELD = "JF000004"               # the insider's own household, 10 points
GOODS = ["6920000000012*1"]     # 5 points
LOCAL = ("sync_state", "meta")  # what a refused round writes: its error (and a signed state had)


class Middle:
    """A server in the middle: every request logged; `answer(request)` gives its own answer, or None
    to relay the township's (and log the last unsigned state answer relayed, to play back)."""

    def __init__(self, township) -> None:
        (self.store, self.http), self.seen, self.answer, self.last_state = township, [], lambda request: None, None
        self.client = httpx.Client(transport=httpx.MockTransport(self._handle))

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(f"{request.method} {request.url.raw_path.decode()}")
        forged = self.answer(request)
        if forged is not None:
            return forged
        answer = insider.relayed(insider.forward(self.http, request))
        if request.url.raw_path == b"/v1/state":
            self.last_state = answer
        return answer

    def round(self, db, now) -> client.SyncResult:
        """A sync round at `now`, the township's clock there too."""
        self.seen.clear()
        self.store.clock = lambda: now.timestamp()
        return client.sync_once(db, self.client, now)


def _nothing_new(old_state: httpx.Response):
    """Every state asked unsigned answered with one the township gave earlier: "nothing new"."""
    def answer(request: httpx.Request) -> httpx.Response | None:
        if request.url.raw_path == b"/v1/state":
            return insider.relayed(old_state)
        return None
    return answer


def _pull_answered_with(page: httpx.Response):
    def answer(request: httpx.Request) -> httpx.Response | None:
        return insider.relayed(page) if request.url.path == "/v1/pull" else None
    return answer


def _hold(store, shop, card: str = HELD) -> None:
    account_id, _ = remote.account_of(shop.db, card)
    with store.write() as conn:
        store.publish(conn, "hold", {"account_id": account_id, "reason": "乡镇核查中"}, state.load(shop.db).village_id)


def _held(shop, card: str = HELD) -> bool:
    return bool(shop.db.scalar("SELECT hold_reason FROM account WHERE id = ?", (remote.account_of(shop.db, card)[0],)))


def _page_asked(shop, http, since: str) -> httpx.Response:
    """A genuine pull page, signed by the township, for `since`: what the insider keeps to play back."""
    secret, terminal_id = state.load(shop.db).secret, state.load(shop.db).terminal_id
    path = f"/v1/pull?since={since or '0'}&limit={client.PULL_LIMIT}"
    request = httpx.Request("GET", "http://township.test" + path, headers={"X-Kiosk-Terminal": terminal_id})
    return insider.relayed(insider.forward(http, request, secret=secret, path=path))


@pytest.fixture
def middle(shop, township):  # noqa: F811
    """A counter synced once with its signing township, at NOW, through the middle (which then holds
    that round's genuine unsigned state, "nothing new")."""
    _, http = township
    enrol_with_awards(shop, township)
    on_the_way = Middle(township)
    assert on_the_way.round(shop.db, NOW).ok
    assert on_the_way.round(shop.db, NOW + timedelta(minutes=1)).ok      # nothing new: its state kept
    assert on_the_way.seen == ["GET /v1/state"]
    return on_the_way


def test_a_middle_answering_every_state_nothing_new_cannot_keep_a_hold_away_past_the_hour(shop, township, middle):  # noqa: F811
    store, _ = township
    _hold(store, shop)
    middle.answer = _nothing_new(middle.last_state)
    assert middle.round(shop.db, NOW + timedelta(minutes=30)).ok                     # inside the hour: unseen
    assert middle.seen == ["GET /v1/state"] and not _held(shop)
    result = middle.round(shop.db, NOW + freshness.FRESH_WORD)                       # the hour is up
    assert result.ok and result.applied >= 1, result
    assert middle.seen[0].startswith("GET /v1/state?sign=") and "GET /v1/state" not in middle.seen
    assert _held(shop)
    with pytest.raises(Refused) as refused:
        checkout.redeem_items(shop, HELD, GOODS)
    assert refused.value.code == "account_on_hold"


def test_a_middle_that_withholds_the_signed_state_fails_the_round_and_the_status_says_so(shop, township, middle):  # noqa: F811
    store, _ = township
    _hold(store, shop)
    middle.answer = lambda request: insider.relayed(middle.last_state) if request.url.path == "/v1/state" else None
    later = NOW + freshness.FRESH_WORD
    result = middle.round(shop.db, later)
    assert not result.ok and result.error == "sync_not_township", result
    assert "天没有收到乡镇签章" not in client_status(shop, later + timedelta(hours=20))
    assert "已 2 天没有收到乡镇签章确认的同步结果：请检查网络或联系乡镇" in client_status(shop, NOW + timedelta(days=2, hours=1))


def client_status(shop, now) -> str:
    from kiosk.sync import status
    return status.status(shop.db, now).text


def test_an_old_genuine_page_played_back_for_a_later_since_is_refused_and_nothing_moves(shop, township, middle):  # noqa: F811
    store, http = township
    _hold(store, shop, "JF000001")
    old_since = state.load(shop.db).pull_cursor
    old_page = _page_asked(shop, http, old_since)                  # the first hold's page, signed
    assert json.loads(old_page.content)["records"]
    assert middle.round(shop.db, NOW + timedelta(minutes=2)).ok and _held(shop, "JF000001")
    _hold(store, shop)                                             # the hold the insider wants kept away
    cursor, before = state.load(shop.db).pull_cursor, fingerprint(shop.db, skip=LOCAL)
    middle.answer = _pull_answered_with(old_page)                  # its records at or below the cursor asked
    result = middle.round(shop.db, NOW + timedelta(minutes=3))
    assert not result.ok and result.error == "sync_pull_not_township", result
    assert state.load(shop.db).pull_cursor == cursor and fingerprint(shop.db, skip=LOCAL) == before
    assert state.load(shop.db).last_error.startswith("sync_pull_not_township") and not _held(shop)
    middle.answer = lambda request: None
    assert middle.round(shop.db, NOW + timedelta(minutes=4)).ok and _held(shop)


def test_an_old_empty_page_after_a_signed_state_named_a_higher_head_is_refused(shop, township, middle):  # noqa: F811
    store, http = township
    empty = _page_asked(shop, http, state.load(shop.db).pull_cursor)    # "nothing more", signed, kept
    assert json.loads(empty.content)["records"] == [] and json.loads(empty.content)["more"] is False
    _hold(store, shop)
    cursor, before = state.load(shop.db).pull_cursor, fingerprint(shop.db, skip=LOCAL)
    middle.answer = _pull_answered_with(empty)
    result = middle.round(shop.db, NOW + freshness.FRESH_WORD)          # the state asked signed: the head named
    assert middle.seen[0].startswith("GET /v1/state?sign=") and "GET /v1/pull" in middle.seen[1]
    assert not result.ok and result.error == "sync_pull_not_township", result
    assert state.load(shop.db).pull_cursor == cursor and fingerprint(shop.db, skip=LOCAL) == before
    assert not _held(shop)


def test_a_nothing_new_round_is_one_request_inside_the_hour_and_one_signed_request_after_it(shop, township, middle):  # noqa: F811
    assert middle.round(shop.db, NOW + timedelta(minutes=59)).ok
    assert middle.seen == ["GET /v1/state"]
    assert middle.round(shop.db, NOW + freshness.FRESH_WORD).ok
    assert len(middle.seen) == 1 and middle.seen[0].startswith("GET /v1/state?sign=")
    assert middle.round(shop.db, NOW + freshness.FRESH_WORD + timedelta(minutes=59)).ok
    assert middle.seen == ["GET /v1/state"]


@pytest.mark.parametrize("signs", ["nothing", "pages only"])
def test_an_older_township_is_synced_with_as_before_and_nobody_is_nagged(shop, township, monkeypatch, signs):  # noqa: F811
    store, http = township
    enrol_with_an_older_township(shop, township, monkeypatch, signs)
    old = Middle(township)
    old.answer = lambda request: _unsigned(old, request, signs)
    assert old.round(shop.db, NOW).ok
    _hold(store, shop)
    later = NOW + timedelta(days=3)
    assert old.round(shop.db, later).ok and _held(shop)
    assert not any("sign=" in seen for seen in old.seen)
    assert old.round(shop.db, later + timedelta(minutes=1)).ok and old.seen == ["GET /v1/state"]
    assert "乡镇签章" not in client_status(shop, later + timedelta(days=3))


def _unsigned(middle: Middle, request: httpx.Request, signs: str) -> httpx.Response | None:
    """The township as it was: no answer signed (and with `nothing`, no page either)."""
    if request.url.path == "/v1/pull" and signs != "nothing":
        return None
    answer = insider.relayed(insider.forward(middle.http, request))
    headers = {k: v for k, v in answer.headers.items() if k.lower() != "x-kiosk-township-signature"}
    return httpx.Response(answer.status_code, content=answer.content, headers=headers)


def test_an_old_empty_page_ending_below_the_cursor_asked_is_refused(shop, township, middle):  # noqa: F811
    store, http = township
    empty = _page_asked(shop, http, state.load(shop.db).pull_cursor)    # "nothing more" then, signed, kept
    _hold(store, shop, "JF000001")
    assert middle.round(shop.db, NOW + timedelta(minutes=2)).ok and _held(shop, "JF000001")
    _hold(store, shop)
    cursor, before = state.load(shop.db).pull_cursor, fingerprint(shop.db, skip=LOCAL)
    assert int(json.loads(empty.content)["cursor"]) < int(cursor)
    middle.answer = _pull_answered_with(empty)
    result = middle.round(shop.db, NOW + timedelta(minutes=3))         # inside the hour: no signed head
    assert not result.ok and result.error == "sync_pull_not_township", result
    assert state.load(shop.db).pull_cursor == cursor and fingerprint(shop.db, skip=LOCAL) == before


def test_a_village_that_syncs_by_stick_is_kept_fresh_by_the_signed_reply(shop, township, middle, tmp_path):  # noqa: F811
    from kiosk.sync import usb
    from kiosk.township import usb as township_usb
    store, _ = township
    later = NOW + timedelta(days=3)
    assert "已 3 天没有收到乡镇签章确认的同步结果" in client_status(shop, later)
    store.clock = lambda: later.timestamp()
    out = usb.export_bundle(shop.db, tmp_path / "a.zip", later)
    township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    usb.import_reply(shop.db, tmp_path / "reply.zip", later)
    assert "乡镇签章" not in client_status(shop, later + timedelta(hours=1))
    usb.import_reply(shop.db, tmp_path / "reply.zip", later + timedelta(days=2))   # the same reply, found later
    assert "乡镇签章" not in client_status(shop, later + timedelta(days=13, hours=1))   # a stick village: not daily
    assert ("已 15 天没有带回乡镇签章的U盘回复：请把U盘带到乡镇同步一次"
            in client_status(shop, later + timedelta(days=15, hours=1)))



def test_kiosk_sync_status_says_when_the_townships_signed_word_was_last_had(shop, township, middle, kiosk, db_path, monkeypatch):  # noqa: F811
    from kiosk.cli.sync import township as cli_sync
    monkeypatch.setattr(cli_sync, "_now", lambda: NOW + timedelta(days=4, hours=2))
    shown = kiosk("--db", str(db_path), "sync", "status")
    assert shown.code == 0 and "已 4 天没有收到乡镇签章确认的同步结果：请检查网络或联系乡镇" in shown.out, shown.out
    assert kiosk("--db", str(db_path), "--json", "sync", "status").json()["days_unconfirmed"] == 4
    monkeypatch.setattr(cli_sync, "_now", lambda: NOW + timedelta(hours=2))
    assert "乡镇签章" not in kiosk("--db", str(db_path), "sync", "status").out


def test_a_counter_not_enrolled_is_not_told_of_the_townships_word(shop):
    assert freshness.days_without(shop.db, NOW + timedelta(days=30)) is None
    assert "乡镇签章" not in client_status(shop, NOW + timedelta(days=30))


def test_a_stick_village_whose_online_rounds_fail_is_judged_by_its_stick(shop, township, middle, tmp_path):  # noqa: F811
    """Enrolled with the township's address, its counter tries online every few minutes and fails
    (no line in the village): the status says offline, yet its signed word comes by stick."""
    from kiosk.sync import usb
    from kiosk.township import usb as township_usb
    store, _ = township
    later = NOW + timedelta(days=1)
    store.clock = lambda: later.timestamp()
    out = usb.export_bundle(shop.db, tmp_path / "a.zip", later)
    township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    usb.import_reply(shop.db, tmp_path / "reply.zip", later)
    for day in range(1, 14):                      # every day's online tries fail
        state.record_error(shop.db, "sync_offline", str(later + timedelta(days=day))[:19])
    assert state.load(shop.db).offline_since is not None
    assert "乡镇签章" not in client_status(shop, later + timedelta(days=13, hours=1))
    assert "已 15 天没有带回乡镇签章的U盘回复" in client_status(shop, later + timedelta(days=15, hours=1))
