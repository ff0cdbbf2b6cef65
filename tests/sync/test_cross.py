"""积分互认 end to end with the real township app: 王小明 of 青石村 redeems at 桃源村's counter.

The `shop` books are 青石村 (the home village). Counter 2 is a copy of them under its own
identity, enrolled at the township as 桃源村's counter: only the township's answers tell it
who 王小明 is. Rate: 1 青石村 分 = 0.8 桃源村 分.
"""

from __future__ import annotations

import json
from datetime import datetime

import httpx
import pytest
from fastapi.testclient import TestClient

from kiosk.core.cart import Cart
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.printing.receipt_layout import layout
from kiosk.services.setup import backup, create as setup
from kiosk.services.shop import products
from kiosk.services.sync import cross_village
from kiosk.services.context import Context
from kiosk.store import ledger
from kiosk.store.village import take_new_identity
from kiosk.sync import apply, client, enrolment, state
from kiosk.sync.wire import Record
from kiosk.township.app import create_app
from tests.conftest import fingerprint, give
from tests.sync import remote

NOW = datetime(2026, 11, 3, 10, 30, 0)
URL = "http://township.test"


@pytest.fixture
def township(township_db, tmp_path):
    app = create_app(township_db, clock=lambda: NOW.timestamp())
    with TestClient(app) as http:
        app.state.store.add_village("青石村", "美德积分")
        app.state.store.add_village("桃源村", "桃源分")
        yield app.state.store, http


def publish_rate(store, rate: str = "0.8") -> None:
    a, b = store.village("青石村"), store.village("桃源村")
    with store.write() as conn:
        store.publish(conn, "rate", {"from_village": a["id"], "from_name": "青石村", "to_village": b["id"],
                                     "to_name": "桃源村", "rate": rate}, None)


def visiting_counter(shop, tmp_path, store, http) -> Context:
    """桃源村's counter: a copy of the books under its own identity, enrolled for 桃源村."""
    path = tmp_path / "taoyuan.sqlite"
    backup.backup(shop, path)
    db = setup.open_shop(path)
    with db.write() as conn:
        take_new_identity(conn, new_id="taoyuan-1", at="2026-11-03 10:00:00")
        conn.execute("UPDATE village SET name = '桃源村', currency = '桃源分'")
        conn.execute("DELETE FROM meta WHERE key = 'sync.resume_from_server'")
        state.update(conn, terminal_id=None, secret=None, local_terminal_id=None, pushed_high_water=0)
    enrolment.enrol(db, http, URL, store.issue_code("桃源村")["code"], NOW)
    here = Context(db, shop.actor, shop.clock)
    cross_village.learn_villages(here, http)
    return here


def qingshi(ctx) -> str:
    """青石村's township id, as the counter learnt it: a card is asked for with its village."""
    return next(village.id for village in cross_village.villages(ctx) if village.name == "青石村")


@pytest.fixture
def villages(shop, township, tmp_path):
    """青石村 (home, 王小明 has 30.00 points, synced) and 桃源村's counter."""
    store, http = township
    shop.clock.set(NOW)
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    give(shop, "JF000001", 6)
    assert client.sync_once(shop.db, http, NOW).ok
    here = visiting_counter(shop, tmp_path, store, http)
    yield shop, here, store, http
    here.db.close()


def toothpaste(ctx, qty: int = 2) -> Cart:
    product = products.resolve(ctx, "6920000000012")
    cart = Cart()
    cart.add(product.id, product.name, product.price, qty)
    return cart


def soap(ctx) -> Cart:
    product = products.resolve(ctx, "香皂")
    cart = Cart()
    cart.add(product.id, product.name, product.price, 1)
    return cart


def home_balance(shop) -> int:
    account_id, _ = remote.account_of(shop.db, "JF000001")
    return ledger.balance(shop.db, account_id)


def test_a_visitor_redeems_and_the_home_village_pays_exactly_once(villages, tmp_path):
    shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "jf000001")
    assert (visitor.name, visitor.home_village, visitor.balance_home, visitor.balance_here) == ("王*明", "青石村", 3000, 2400)
    stock_before = products.resolve(here, "6920000000012").stock
    sale = cross_village.redeem(here, http, visitor, toothpaste(here))
    assert (sale.total, sale.home_total, sale.home_balance_after) == (Points(1000), Points(1250), Points(1750))
    assert sale.receipt.startswith("W261103-")
    assert products.resolve(here, "6920000000012").stock == stock_before - 2
    slip = cross_village.print_slip(here, sale, tmp_path / "receipts")
    assert slip.ok and slip.pdf.exists()
    text = "\n".join(f"{row.left} {row.right_text}" for row in layout(slip.receipt, 32))
    assert "外村积分：青石村扣 12.5 分" in text and "10 桃源分" in text and "外村·青石村" in text
    before = home_balance(shop)
    assert client.sync_once(shop.db, http, NOW).ok
    assert home_balance(shop) == before - 1250
    assert client.sync_once(shop.db, http, NOW).ok and home_balance(shop) == before - 1250
    pushed = client.sync_once(here.db, http, NOW)
    assert pushed.ok and pushed.quarantined == 0
    kept = store.one("SELECT body FROM record WHERE type = 'cross_sale'")
    assert kept is not None and "王*明" in kept["body"]


# A refused exchange leaves only its written-down request, ended (kiosk/services/sync/cross_pending.py),
# and, when a background round ended it, the note kept for the volunteer.
PENDING = ("cross_pending", "cross_pending_end", "cross_pending_asked", "cross_note")


def _refused(ctx, code: str, words: str, action) -> None:
    before = fingerprint(ctx.db, skip=PENDING)
    with pytest.raises(Refused) as refused:
        action()
    assert refused.value.code == code, refused.value.code
    assert words in refused.value.message("zh")
    assert fingerprint(ctx.db, skip=PENDING) == before
    assert cross_village.waiting(ctx) == 0, "nothing left waiting for the township"


def _offline(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("no route to host", request=request)


def test_offline_the_counter_says_plainly_why_not(villages):
    _shop, here, store, _ = villages
    publish_rate(store)
    offline = httpx.Client(transport=httpx.MockTransport(_offline))
    visitor = cross_village.look_up(here, villages[3], qingshi(here), "JF000001")
    _refused(here, "cross_offline", "离线时不能用外村积分兑换，请联网后再试，或请他回本村兑换",
             lambda: cross_village.look_up(here, offline, qingshi(here), "JF000001"))
    _refused(here, "cross_offline", "离线时不能用外村积分兑换",
             lambda: cross_village.redeem(here, offline, visitor, toothpaste(here)))


def test_no_rate_unknown_card_and_short_are_refused_with_nothing_written(villages):
    shop, here, store, http = villages
    _refused(here, "cross_no_rate", "还没有公布青石村和桃源村之间的积分兑换比例",
             lambda: cross_village.look_up(here, http, qingshi(here), "JF000001"))
    publish_rate(store)
    _refused(here, "cross_card_unknown", "青石村没有卡号 JF999999 的村民",
             lambda: cross_village.look_up(here, http, qingshi(here), "JF999999"))
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    big = Cart()
    rice = products.resolve(here, "6901234567892")
    big.add(rice.id, rice.name, rice.price, 1)  # 50.00 here = 62.50 at home; he has 30.00
    _refused(here, "cross_short", "还有 30.00 分，这次要 62.50 分",
             lambda: cross_village.redeem(here, http, visitor, big))
    assert home_balance(shop) == 3000


def test_an_account_on_hold_is_refused(villages):
    shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    account_id, _ = remote.account_of(shop.db, "JF000001")
    with store.write() as conn:
        store.incident(conn, "overdraft", {"balance": "-3.00"}, village_id=store.village("青石村")["id"],
                       account_id=account_id)
    _refused(here, "cross_on_hold", "积分账户已冻结", lambda: cross_village.redeem(here, http, visitor, toothpaste(here)))
    _refused(here, "cross_on_hold", "不能兑换", lambda: cross_village.look_up(here, http, qingshi(here), "JF000001"))


def test_a_replayed_id_takes_the_points_once(villages):
    shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    rid = new_id()
    sale = cross_village.redeem(here, http, visitor, toothpaste(here), approval_id=rid)
    again = cross_village.redeem(here, http, visitor, toothpaste(here), approval_id=rid)
    assert (again.id, again.receipt, again.total) == (sale.id, sale.receipt, sale.total)   # that sale, as sold
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1
    assert client.sync_once(shop.db, http, NOW).ok
    assert home_balance(shop) == 3000 - 1250


def test_an_answer_lost_after_the_township_committed_is_asked_again_safely(villages):
    shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    cut = {"left": 1}

    def cut_after_commit(request: httpx.Request) -> httpx.Response:
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        if request.url.path == "/v1/cross/redeem" and cut["left"]:
            cut["left"] -= 1
            raise httpx.ReadError("connection reset", request=request)
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)

    flaky = httpx.Client(transport=httpx.MockTransport(cut_after_commit))
    rid = new_id()
    with pytest.raises(Refused) as lost:
        cross_village.redeem(here, flaky, visitor, toothpaste(here), rid)
    assert lost.value.code == "cross_unconfirmed" and "不重复扣分" in lost.value.message("zh")
    assert cross_village.waiting(here) == 1 and here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0
    sale = cross_village.redeem(here, flaky, visitor, toothpaste(here), rid)
    assert sale.home_total == Points(1250) and cross_village.waiting(here) == 0
    assert client.sync_once(shop.db, http, NOW).ok and home_balance(shop) == 3000 - 1250
    cut["left"], other = 1, new_id()
    soap_stock = products.resolve(here, "香皂").stock
    with pytest.raises(Refused):
        cross_village.redeem(here, flaky, visitor, toothpaste(here, 1), other)
    # the cart changed before asking again: what is recorded is what the township took
    sale = cross_village.redeem(here, flaky, visitor, soap(here), other)
    assert [(line.name, line.qty) for line in sale.lines] == [("牙膏", 1)] and sale.total == Points(500)
    assert products.resolve(here, "香皂").stock == soap_stock
    assert client.sync_once(shop.db, http, NOW).ok and home_balance(shop) == 3000 - 1250 - 625


def test_a_terminal_may_not_redeem_for_another_villages_sale(villages):
    shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    with here.db.write() as conn:
        state.update(conn, village_id=store.village("青石村")["id"])
    _refused(here, "cross_wrong_village", "只能为本村的兑换记账",
             lambda: cross_village.redeem(here, http, visitor, toothpaste(here)))
    assert home_balance(shop) == 3000


def test_nothing_is_asked_before_a_card_is_scanned(villages):
    _shop, here, store, http = villages
    publish_rate(store)
    _refused(here, "cross_no_visitor", "请先扫外村村民的卡", lambda: cross_village.look_up(here, http, qingshi(here), "  "))


def test_the_other_counter_of_the_village_gets_the_exchange_whole(villages):
    # A second counter of the village applies the exchange and its stock moves as they came;
    # the books here stand in for it (the visiting counter was copied from them).
    shop, here, store, http = villages
    publish_rate(store)
    sale = cross_village.redeem(here, http, cross_village.look_up(here, http, qingshi(here), "JF000001"), toothpaste(here))
    assert client.sync_once(here.db, http, NOW).ok
    rows = store.all("SELECT id, terminal_id, seq, type, body, sha256 FROM record WHERE terminal_id = ?"
                     " AND type IN ('cross_sale', 'stock_move') ORDER BY commit_no", (state.load(here.db).terminal_id,))
    page = [Record(r["id"], r["terminal_id"], r["seq"], r["type"], json.loads(r["body"]), r["sha256"]) for r in rows]
    stock_before = products.resolve(shop, "6920000000012").stock
    done = apply.apply_page(shop.db, page, None, "2026-11-03 11:00:00")
    assert done.applied == len(page) == 2
    assert shop.db.scalar("SELECT receipt FROM cross_sale") == sale.receipt
    assert shop.db.scalar("SELECT SUM(qty) FROM cross_sale_line") == 2
    assert products.resolve(shop, "6920000000012").stock == stock_before - 2
    before = fingerprint(shop.db)
    apply.apply_page(shop.db, page, None, "2026-11-03 11:00:00")
    assert fingerprint(shop.db) == before
