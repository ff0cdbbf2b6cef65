"""The counter's 外村村民 flow on the real window, against the real township app.

Here the counter is 桃源村's (the `shop` books, enrolled at the township for 桃源村); a copy
of the books enrolled for 青石村 has registered 陈美玲 (JF200007), given her 30.00 points and
synced: the counter knows her only from the township.
"""

from __future__ import annotations

import sqlite3

import httpx
import pytest
from PySide6.QtCore import Qt

from kiosk.core.errors import Refused
from kiosk.services.people import residents
from kiosk.services.setup import backup, create as setup
from kiosk.services.sync import cross_village
from kiosk.services.context import Context
from kiosk.store import cross_sales
from kiosk.store.village import take_new_identity
from kiosk.core.ids import new_id
from kiosk.sync import client, enrolment, state
from kiosk.sync.wire import Record
from kiosk.township.tables import card_lookups
from tests.conftest import fingerprint, give
from tests.sync.test_cross import NOW, URL, publish_rate, township  # noqa: F401  (fixture)
from tests.township.conftest import Terminal
from tests.ui.conftest import log_in

CARD = "JF200007"


@pytest.fixture
def home(shop, township, tmp_path):  # noqa: F811
    """青石村's counter: a copy of the books, 陈美玲 registered and given 30.00 points there, synced."""
    store, http = township
    shop.clock.set(NOW)
    path = tmp_path / "qingshi.sqlite"
    backup.backup(shop, path)
    db = setup.open_shop(path)
    with db.write() as conn:
        take_new_identity(conn, new_id="qingshi-1", at="2026-11-03 10:00:00")
        conn.execute("DELETE FROM meta WHERE key = 'sync.resume_from_server'")
        state.update(conn, terminal_id=None, secret=None, local_terminal_id=None, pushed_high_water=0)
    enrolment.enrol(db, http, URL, store.issue_code("青石村")["code"], NOW)
    there = Context(db, shop.actor, shop.clock)
    residents.add_resident(there, name="陈美玲", house_no="2组5号", card_code=CARD)
    give(there, CARD, 6)
    assert client.sync_once(db, http, NOW).ok
    enrolment.enrol(shop.db, http, URL, store.issue_code("桃源村")["code"], NOW)
    publish_rate(store)
    cross_village.learn_villages(shop, http)       # as the sync job does after a sync
    yield db
    db.close()


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _ask(qtbot, page, card: str, village: str | None = "青石村"):
    _click(qtbot, page.visitor_mode.button)
    dialog = page.visitor_mode.dialog
    if village is not None:
        assert dialog.choose_village(village), [dialog.village.itemText(n) for n in range(dialog.village.count())]
    dialog.card.setText(card)
    _click(qtbot, dialog.findChild(type(page.visitor_mode.button), "visitor_find"))
    return dialog


def test_a_visitor_looks_up_fills_the_cart_and_redeems(qtbot, counter, shop, township, home, tmp_path):  # noqa: F811
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    page.visitor_mode.http = http
    dialog = _ask(qtbot, page, CARD)
    assert "陈*玲" in dialog.info.text() and "青石村" in dialog.info.text() and "24" in dialog.info.text(), dialog.feedback.text()
    _click(qtbot, dialog.use)
    assert page.visitor_mode.banner.isVisible() and "陈*玲" in page.visitor_mode.banner.text()
    page.on_scan("6920000000012")
    page.on_scan("6920000000012")
    assert page.confirm.isEnabled()
    _click(qtbot, page.confirm)
    assert "外村兑换成功" in page.feedback.text() and "12.5" in page.feedback.text(), page.feedback.text()
    assert shop.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1
    assert list((tmp_path / "receipts").rglob("W*.pdf")), "the slip was saved"
    assert not page.visitor_mode.banner.isVisible()
    assert client.sync_once(home, http, NOW).ok
    assert home.scalar("SELECT hundredths FROM balance b JOIN account a ON a.id = b.account_id"
                       " JOIN resident r ON r.household_id = a.household_id OR r.id = a.resident_id"
                       " WHERE r.card_code = 'JF200007'") == 3000 - 1250


def _offline(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("no route to host", request=request)


def test_offline_the_window_says_why_and_writes_nothing(qtbot, counter, shop, home):
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    page.visitor_mode.http = httpx.Client(transport=httpx.MockTransport(_offline))
    before = fingerprint(shop.db)
    dialog = _ask(qtbot, page, CARD)
    assert "离线时不能用外村积分兑换，请联网后再试，或请他回本村兑换" in dialog.feedback.text()
    assert not dialog.use.isEnabled()
    assert fingerprint(shop.db) == before


def test_a_lost_answer_keeps_the_cart_and_the_id_so_a_retry_takes_the_points_once(
        qtbot, counter, shop, township, home):  # noqa: F811
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    _lose_the_first_answer(qtbot, page, http)
    assert shop.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0
    assert "有 1 笔外村兑换等待乡镇确认" in page.visitor_mode.banner.text()
    assert page.visitor_mode.banner.isVisible() and page.confirm.isEnabled()
    page.on_scan("6920000000012")                 # the cart changed after the lost answer …
    _click(qtbot, page.confirm)                   # … what is recorded is what the township took
    assert "外村兑换成功" in page.feedback.text(), page.feedback.text()
    assert not page.visitor_mode.banner.isVisible()
    assert client.sync_once(home, http, NOW).ok
    assert shop.db.scalar("SELECT total FROM cross_sale") == 500
    assert shop.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1


def _lose_the_first_answer(qtbot, page, http) -> None:
    """陈*玲 picked, one item rung up, 确认兑换: the township takes the points, its answer is lost."""
    page.visitor_mode.http = http
    _click(qtbot, _ask(qtbot, page, CARD).use)
    page.on_scan("6920000000012")
    cut = {"left": 1}

    def cut_after_commit(request: httpx.Request) -> httpx.Response:
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        if cut["left"]:
            cut["left"] -= 1
            raise httpx.ReadError("connection reset", request=request)
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)

    page.visitor_mode.http = httpx.Client(transport=httpx.MockTransport(cut_after_commit))
    _click(qtbot, page.confirm)
    assert "已记下" in page.feedback.text()


def _debited_once(shop, home, http) -> None:
    assert client.sync_once(home, http, NOW).ok
    assert shop.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1 and cross_sales.open_count(shop.db) == 0
    assert home.scalar("SELECT hundredths FROM balance b JOIN account a ON a.id = b.account_id"
                       " JOIN resident r ON r.household_id = a.household_id OR r.id = a.resident_id"
                       " WHERE r.card_code = 'JF200007'") == 3000 - shop.db.scalar("SELECT home_total FROM cross_sale")


def test_a_retry_that_fails_here_keeps_the_id_so_the_next_takes_the_points_once(
        qtbot, counter, shop, township, home, monkeypatch):  # noqa: F811
    """The answer lost, the volunteer presses again and the books fail before the township is asked
    (busy, say): the exchange still waits at the township's end, so the press after must ask the same
    id, never a new one that would take the visitor's points a second time."""
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    _lose_the_first_answer(qtbot, page, http)
    read_sale = cross_village.cross_sales.sale

    def busy_once(db, sale_id):
        monkeypatch.setattr(cross_village.cross_sales, "sale", read_sale)
        raise Refused("db_locked", path=str(db.path))
    monkeypatch.setattr(cross_village.cross_sales, "sale", busy_once)
    page.visitor_mode.http = http
    _click(qtbot, page.confirm)
    assert "外村兑换成功" not in page.feedback.text()
    _click(qtbot, page.confirm)
    assert "外村兑换成功" in page.feedback.text(), page.feedback.text()
    _debited_once(shop, home, http)


def test_the_same_visitor_picked_again_after_a_lost_answer_is_asked_that_exchange_not_a_new_one(
        qtbot, counter, shop, township, home):  # noqa: F811
    """The volunteer looks 陈*玲 up again (or the counter locked, or restarted) and rings the goods up
    again: 确认兑换 asks the exchange still waiting, whose points the township took, not a new one."""
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    _lose_the_first_answer(qtbot, page, http)
    first = shop.db.scalar("SELECT receipt FROM cross_pending")
    page.visitor_mode.http = http
    _click(qtbot, _ask(qtbot, page, CARD).use)
    page.on_scan("6920000000012")
    _click(qtbot, page.confirm)
    assert "外村兑换成功" in page.feedback.text() and first in page.feedback.text(), page.feedback.text()
    _debited_once(shop, home, http)


def test_a_press_after_a_sync_recorded_the_exchange_shows_it_sold_and_takes_nothing_more(
        qtbot, counter, shop, township, home):  # noqa: F811
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    _lose_the_first_answer(qtbot, page, http)
    assert len(cross_village.settle_pending(shop, http).sold) == 1      # `kiosk sync now`, or the sync job
    page.visitor_mode.http = http
    _click(qtbot, page.confirm)
    assert "外村兑换成功" in page.feedback.text() and not page.cart.lines, page.feedback.text()
    _click(qtbot, page.confirm)                                         # nothing left to press for
    _debited_once(shop, home, http)


def test_a_visitor_gone_before_the_answer_leaves_the_banner_until_the_sync_settles_it(
        qtbot, counter, shop, township, home):  # noqa: F811
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    page.visitor_mode.http = http
    dialog = _ask(qtbot, page, CARD)
    _click(qtbot, dialog.use)
    page.on_scan("6920000000012")

    def cut_after_commit(request: httpx.Request) -> httpx.Response:
        http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        raise httpx.ReadError("connection reset", request=request)

    page.visitor_mode.http = httpx.Client(transport=httpx.MockTransport(cut_after_commit))
    _click(qtbot, page.confirm)
    page.reset()                                   # the volunteer moves on to the next resident
    assert page.visitor_mode.banner.isVisible()
    assert page.visitor_mode.banner.text() == "有 1 笔外村兑换等待乡镇确认"
    settled = cross_village.settle_after_sync(shop.db, http, shop.clock)
    assert len(settled.sold) == 1 and settled.waiting == 0
    page.reset()
    assert not page.visitor_mode.banner.isVisible()


@pytest.fixture
def xincun(township, home):  # noqa: F811
    """新村 pushed its own JF200007 (宋凤兰, 50.00 points): the same card number as 陈美玲's."""
    store, http = township
    store.add_village("新村", "新村分")
    enrolled = http.post("/v1/enrol", json={"code": store.issue_code("新村")["code"], "name": "新村收银台"}).json()
    there = Terminal(http, enrolled, NOW.timestamp)
    bodies = [("resident", {"id": "res-song", "household_id": "hh-song", "name": "宋凤兰", "card_code": CARD,
                            "status": "active"}),
              ("account", {"id": "acct-song", "household_id": "hh-song", "resident_id": None, "hold_reason": None})]
    records = [Record.make(new_id(), there.id, n, type_, body) for n, (type_, body) in enumerate(bodies, 1)]
    there.seq = len(records)
    assert there.push([*records, there.entry("acct-song", 5000, kind="award")]).status_code == 200
    with store.write() as conn:
        store.publish(conn, "rate", {"from_village": store.village("新村")["id"], "from_name": "新村",
                                     "to_village": store.village("桃源村")["id"], "to_name": "桃源村", "rate": "1"}, None)
    return store


def test_the_window_lists_the_villages_and_the_choice_finds_that_villages_card(
        qtbot, counter, shop, township, home, xincun):  # noqa: F811
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    page.visitor_mode.http = http
    dialog = _ask(qtbot, page, CARD, village=None)
    names = [dialog.village.itemText(n) for n in range(dialog.village.count())]
    assert names == ["请选择他的村", "新村", "青石村"], "the counter's own village is not offered"
    assert "请先选他是哪个村的" in dialog.feedback.text() and not dialog.use.isEnabled()
    assert xincun.one("SELECT COUNT(*) FROM card_lookup")[0] == 0, "nothing was asked without a village"
    for village, name in (("新村", "宋*兰"), ("青石村", "陈*玲"), ("新村", "宋*兰")):
        dialog.choose_village(village)
        _click(qtbot, dialog.findChild(type(page.visitor_mode.button), "visitor_find"))
        assert name in dialog.info.text() and village in dialog.info.text(), dialog.feedback.text()
    _click(qtbot, dialog.use)
    page.on_scan("6920000000012")
    _click(qtbot, page.confirm)
    assert "外村兑换成功" in page.feedback.text() and "宋*兰" in page.feedback.text(), page.feedback.text()
    balances = dict(xincun.all("SELECT account_id, hundredths FROM account_balance"))
    assert balances["acct-song"] == 5000 - 500
    assert client.sync_once(home, http, NOW).ok
    assert home.scalar("SELECT hundredths FROM balance b JOIN account a ON a.id = b.account_id"
                       " JOIN resident r ON r.household_id = a.household_id OR r.id = a.resident_id"
                       " WHERE r.card_code = ?", (CARD,)) == 3000, "青石村's 陈美玲 paid nothing"


def test_too_many_look_ups_are_said_in_words(qtbot, counter, shop, township, home):  # noqa: F811
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    page.visitor_mode.http = http
    dialog = _ask(qtbot, page, "JF000001")
    find = dialog.findChild(type(page.visitor_mode.button), "visitor_find")
    for k in range(2, card_lookups.WINDOWS[0][1] + 2):
        dialog.card.setText(f"JF{k:06d}")
        _click(qtbot, find)
    assert "查卡太频繁" in dialog.feedback.text() and "分钟后再试" in dialog.feedback.text(), dialog.feedback.text()
    assert not dialog.use.isEnabled()


def test_the_books_failing_before_the_first_ask_say_press_again_and_nothing_waits(
        qtbot, counter, shop, township, home, monkeypatch):  # noqa: F811
    """确认兑换 with the books failing as the counter sets out to ask (before anything is written down or
    sent): the volunteer is told nothing was taken, to press again; nothing waits for a background
    round to take later; the next press takes the points once."""
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    page.visitor_mode.http = http
    _click(qtbot, _ask(qtbot, page, CARD).use)
    page.on_scan("6920000000012")
    read = state.load

    def books_fail_once(db):
        monkeypatch.setattr(state, "load", read)
        raise sqlite3.OperationalError("database is locked")
    monkeypatch.setattr(state, "load", books_fail_once)
    _click(qtbot, page.confirm)
    words = page.feedback.text()
    assert "没有发给乡镇" in words and "他的分没有扣" in words and "再点确认兑换" in words, words
    assert cross_sales.open_count(shop.db) == 0 and "等待乡镇确认" not in page.visitor_mode.banner.text()
    assert cross_village.settle_pending(shop, http) == cross_village.cross_pending.Settled()
    _click(qtbot, page.confirm)
    assert "外村兑换成功" in page.feedback.text(), page.feedback.text()
    _debited_once(shop, home, http)
