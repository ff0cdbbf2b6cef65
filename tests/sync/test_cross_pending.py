"""积分互认 never a debit without a sale: the exchange is written down before the township
is asked; an answer lost after the township committed (cut, PC killed) is settled later,
once; a refusal or a request that never left leaves no sale and no debit.

The same villages as tests/sync/test_cross.py: 王小明 of 青石村 (30.00 points) redeems at
桃源村's counter, 1 青石村 分 = 0.8 桃源村 分; the township is the real app (TestClient).
"""

from __future__ import annotations

import json
import sqlite3

import httpx
import pytest

from kiosk.cli.sync import township as cli_sync
from kiosk.core.cart import CartLine
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.services.shop import products
from kiosk.services.sync import cross_pending, cross_village
from kiosk.services.context import SYSTEM, Context
from kiosk.store import cross_sales
from kiosk.store.db import translate
from kiosk.sync import client, cross
from tests.conftest import fingerprint
from tests.sync.test_cross import (  # noqa: F401  (fixtures)
    NOW,
    PENDING,
    home_balance,
    publish_rate,
    qingshi,
    toothpaste,
    township,
    villages,
)

TOOTHPASTE = "6920000000012"   # 牙膏: 5 桃源分 each, 3 in stock
ASKED = ("cross_pending_asked",)   # an exchange asked again is kept so before its request leaves


def cut_after_commit(http: httpx.Client, cuts: dict) -> httpx.Client:
    """A network that delivers the redeem request, lets the township commit, then loses the answer."""
    def send(request: httpx.Request) -> httpx.Response:
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        if request.url.path == "/v1/cross/redeem" and cuts["left"]:
            cuts["left"] -= 1
            raise httpx.ReadError("connection reset", request=request)
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)
    return httpx.Client(transport=httpx.MockTransport(send))


def offline() -> httpx.Client:
    def send(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)
    return httpx.Client(transport=httpx.MockTransport(send))


def books_taken_while_answering(http: httpx.Client, exchange_id: str | None, other: sqlite3.Connection) -> httpx.Client:
    """A network that delivers every request; as the township answers `exchange_id`, another program
    starts a write on the counter's books (the counter's window, a backup); None: any exchange."""
    def send(request: httpx.Request) -> httpx.Response:
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        if request.url.path == "/v1/cross/redeem" and exchange_id in (None, json.loads(request.content)["id"]):
            other.execute("BEGIN IMMEDIATE")
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)
    return httpx.Client(transport=httpx.MockTransport(send))


def debits(store) -> int:
    return store.one("SELECT COUNT(*) AS n FROM cross_redeem")["n"]


def system(ctx) -> Context:
    return Context(ctx.db, SYSTEM, ctx.clock)


@pytest.fixture
def lost(villages):  # noqa: F811
    """王小明 asked for 2 牙膏; the township took 12.50 青石村 分, the answer never came."""
    shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, cut_after_commit(http, {"left": 1}), visitor, toothpaste(here))
    assert refused.value.code == "cross_unconfirmed"
    assert "已记下" in refused.value.message("zh") and "不重复扣分" in refused.value.message("zh")
    assert debits(store) == 1 and here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0
    return shop, here, store, http


def test_a_lost_answer_is_settled_once_one_sale_one_debit_one_receipt(lost):
    shop, here, store, http = lost
    receipt = here.db.scalar("SELECT receipt FROM cross_pending")
    assert cross_village.waiting(here) == 1
    settled = cross_village.settle_pending(system(here), http)
    assert len(settled.sold) == 1 and (settled.refused, settled.waiting) == ((), 0)
    sale = settled.sold[0]
    assert (sale.receipt, sale.total, sale.home_total, sale.operator) == (receipt, Points(1000), Points(1250), "刘建军")
    assert [(line.name, line.qty) for line in sale.lines] == [("牙膏", 2)]
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1 and debits(store) == 1
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale WHERE receipt = ?", (receipt,)) == 1
    assert here.db.scalar("SELECT outcome FROM cross_pending_end") == "sold"
    assert client.sync_once(shop.db, http, NOW).ok and home_balance(shop) == 3000 - 1250
    before = fingerprint(here.db)
    again = cross_village.settle_pending(system(here), http)
    assert again == cross_pending.Settled() and fingerprint(here.db) == before
    assert debits(store) == 1
    assert client.sync_once(here.db, http, NOW).ok
    assert store.one("SELECT COUNT(*) AS n FROM record WHERE type = 'cross_sale'")["n"] == 1


def test_the_pc_killed_after_the_township_committed_is_settled_even_with_stock_gone(villages):  # noqa: F811
    """Killed between the township's commit and the sale: only the written-down request survives."""
    shop, here, store, http = villages
    publish_rate(store)
    lines = list(toothpaste(here).lines)
    pending = cross_pending.write_down(here, new_id(), cross_village.look_up(here, http, qingshi(here), "JF000001"), lines)
    cross.redeem(here.db, cross.reach(here.db, http, NOW), id=pending["id"], card="JF000001", amount=pending["amount"],
                 summary={"receipt": pending["receipt"]}, home_village_id=qingshi(here))          # the township commits; then the kill
    with here.db.write() as conn:                                   # meanwhile the 3 牙膏 went elsewhere
        product_id = products.resolve(here, TOOTHPASTE).id
        conn.execute("INSERT INTO stock_move (id, product_id, kind, qty, terminal_id, at) VALUES"
                     " (?, ?, 'damage', -3, 'x', '2026-11-03 10:40:00')", (new_id(), product_id))
    settled = cross_village.settle_pending(system(here), http)
    assert len(settled.sold) == 1 and settled.sold[0].at == pending["created_at"]
    assert products.resolve(here, TOOTHPASTE).stock == -2, "the goods left with the visitor"
    assert debits(store) == 1
    assert client.sync_once(shop.db, http, NOW).ok and home_balance(shop) == 3000 - 1250


def test_offline_the_pending_stays_open_and_the_counter_says_so(lost):
    _shop, here, _store, http = lost
    before = fingerprint(here.db, skip=ASKED)
    settled = cross_village.settle_pending(system(here), offline())
    assert settled == cross_pending.Settled(waiting=1) and fingerprint(here.db, skip=ASKED) == before
    assert cross_village.waiting_words(settled.waiting) == "有 1 笔外村兑换等待乡镇确认"
    assert cross_village.settled_words(settled) == ["有 1 笔外村兑换等待乡镇确认"]
    assert len(cross_village.settle_pending(system(here), http).sold) == 1


def test_asking_again_from_the_counter_and_the_reconciler_records_it_once(lost):
    _shop, here, store, http = lost
    pending_id = here.db.scalar("SELECT id FROM cross_pending")
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    sale = cross_village.redeem(here, http, visitor, toothpaste(here, 1), pending_id)
    assert sale.total == Points(1000), "what the township took, not today's cart"
    assert cross_village.settle_pending(system(here), http) == cross_pending.Settled()
    pending = here.db.one("SELECT * FROM cross_pending")
    assert cross_pending.record(here, pending, None) == sale      # a late second recorder gets the same
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1 and debits(store) == 1


def test_a_refused_pending_leaves_no_sale_and_no_debit(villages):  # noqa: F811
    _shop, here, store, http = villages
    publish_rate(store)
    rice = products.resolve(here, "6901234567892")
    before = fingerprint(here.db, skip=PENDING)
    cross_pending.write_down(here, new_id(), cross_village.look_up(here, http, qingshi(here), "JF000001"), [CartLine(rice.id, rice.name, rice.price, 1)])
    settled = cross_village.settle_pending(system(here), http)   # 62.50 at home; he has 30.00
    receipt = here.db.scalar("SELECT receipt FROM cross_pending")
    assert settled == cross_pending.Settled(refused=(cross_pending.Ended(
        receipt, "JF000001", "青石村", Points(5000), "cross_short",
        (("balance", "30.00"), ("needed", "62.50"), ("home", "青石村"))),))
    assert tuple(here.db.one("SELECT outcome, code FROM cross_pending_end")) == ("refused", "cross_short")
    assert fingerprint(here.db, skip=PENDING) == before and debits(store) == 0
    assert cross_village.settled_words(settled) == [
        f"外村兑换没有成功：小票 {receipt}（青石村，卡号 JF000001，50 分），乡镇没有同意。他的分没有扣，这笔也没有记账，"
        "商品不要给。乡镇说：积分不够：青石村账户还有 30.00 分，这次要 62.50 分。请减少商品。"]
    assert cross_village.settle_pending(system(here), http) == cross_pending.Settled()


def test_a_request_that_never_left_is_closed_and_never_asked_later(villages):  # noqa: F811
    shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    before = fingerprint(here.db, skip=PENDING)
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, offline(), visitor, toothpaste(here))
    assert refused.value.code == "cross_offline" and "离线时不能用外村积分兑换" in refused.value.message("zh")
    assert here.db.scalar("SELECT outcome FROM cross_pending_end") == "not_sent"
    assert cross_village.settle_pending(system(here), http) == cross_pending.Settled()
    assert fingerprint(here.db, skip=PENDING) == before and debits(store) == 0
    assert client.sync_once(shop.db, http, NOW).ok and home_balance(shop) == 3000


def test_a_server_error_after_the_commit_is_treated_as_a_lost_answer(villages):  # noqa: F811
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")

    def bad_gateway(request: httpx.Request) -> httpx.Response:
        http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        return httpx.Response(502, text="bad gateway")

    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, httpx.Client(transport=httpx.MockTransport(bad_gateway)), visitor, toothpaste(here))
    assert refused.value.code == "cross_unconfirmed" and cross_village.waiting(here) == 1
    assert len(cross_village.settle_pending(system(here), http).sold) == 1 and debits(store) == 1


def test_the_books_busy_as_the_township_approves_the_counter_keeps_the_id_and_it_is_taken_once(villages):  # noqa: F811
    """Another program writes the counter's books while the township approves: the sale cannot be
    written now. The exchange waits (the township took the points), and the counter is told so, its
    id kept (a code in WAITING): pressed again, the same id gets the same approval, taken once."""
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    here.db.conn.execute("PRAGMA busy_timeout = 0")       # said at once, not after 5 s
    other = sqlite3.connect(here.db.path, isolation_level=None)
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, books_taken_while_answering(http, None, other), visitor, toothpaste(here))
    other.execute("ROLLBACK")
    other.close()
    pending = cross_sales.open_pending(here.db)[0]
    assert refused.value.code == "cross_books_waiting" and refused.value.code in cross_village.WAITING
    words = refused.value.message("zh")
    assert f"小票 {pending['receipt']}" in words and "请不要给商品" in words and "再点确认兑换" in words
    assert debits(store) == 1 and here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0
    sale = cross_village.redeem(here, http, visitor, toothpaste(here), approval_id=pending["id"])
    assert sale.receipt == pending["receipt"] and debits(store) == 1 and cross_village.waiting(here) == 0


def test_the_books_failing_as_the_answer_is_taken_never_close_the_exchange(villages, monkeypatch):  # noqa: F811
    """The first ask: the counter's books fail while taking the township's answer (its first signed
    one is noted in them). That is not the township's word: the exchange waits, asked again later."""
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")

    def books_fail(*_args, **_kwargs):
        locked = sqlite3.OperationalError("database is locked")
        raise translate(locked, here.db.path) from locked      # as kiosk.store.db's write says it
    monkeypatch.setattr(cross, "redeem", books_fail)
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, http, visitor, toothpaste(here))
    assert refused.value.code == "cross_books_waiting"
    assert here.db.scalar("SELECT COUNT(*) FROM cross_pending_end") == 0 and cross_village.waiting(here) == 1


def test_the_reconciler_runs_after_a_sync_and_never_raises(lost):
    _shop, here, _store, http = lost
    assert cross_village.settle_after_sync(here.db, offline(), here.clock).waiting == 1
    settled = cross_village.settle_after_sync(here.db, http, here.clock)
    assert len(settled.sold) == 1 and settled.sold[0].operator == "刘建军"
    audit = here.db.one("SELECT operator_name FROM audit WHERE action = 'sale.cross_village'")
    assert audit["operator_name"] == "系统"


def test_kiosk_sync_now_settles_what_waits_and_says_so(lost, kiosk, monkeypatch):
    _shop, here, store, http = lost

    def relay(request: httpx.Request) -> httpx.Response:
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)

    monkeypatch.setattr(cli_sync, "_http", lambda: httpx.Client(transport=httpx.MockTransport(relay)))
    monkeypatch.setattr(cli_sync, "_now", lambda: NOW)
    monkeypatch.setattr(cross_pending, "SystemClock", lambda: here.clock)
    done = kiosk("--db", str(here.db.path), "sync", "now")
    assert done.code == 0, done.err
    receipt = here.db.scalar("SELECT receipt FROM cross_sale")
    assert f"外村兑换乡镇已确认：小票 {receipt}，王*明（青石村），10 分，已记账。" in done.out
    again = kiosk("--db", str(here.db.path), "sync", "now")
    assert again.code == 0 and "外村兑换" not in again.out and debits(store) == 1
