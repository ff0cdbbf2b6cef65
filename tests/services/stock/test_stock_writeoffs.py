"""Write-offs (损耗), the low-stock list (缺货提醒) and the movement list (出入库记录)."""

from __future__ import annotations

import json

import pytest

from kiosk.services.shop import catalogue, checkout, products
from kiosk.services.stock import deliveries, movements as stock, stocktake
from kiosk.services.audit.check import run_check
from kiosk.store import goods as goods_store
from tests.conftest import give
from tests.services._support import assert_english, refuse, stock_of

RICE, PASTE = "6901234567892", "6920000000012"


@pytest.mark.parametrize(("why", "code"), [("expired", "expired"), ("过期", "expired"),
                                           ("damaged", "damaged"), ("破损", "damaged"), ("丢失", "lost")])
def test_a_writeoff_takes_stock_away_with_its_reason(shop, why, code):
    change = stock.writeoff(shop, "香皂", "3", why, "受潮发霉")
    assert (change.before, change.after) == (30, 27)
    move = shop.db.one("SELECT kind, qty, why, note FROM stock_move ORDER BY rowid DESC LIMIT 1")
    assert tuple(move) == ("damage", -3, code, "受潮发霉")
    audit = shop.db.one("SELECT action, after FROM audit ORDER BY seq DESC LIMIT 1")
    assert audit["action"] == "stock.writeoff" and json.loads(audit["after"])["why"] == code
    assert stock_of(shop, "香皂") == (27, 27)


def test_a_writeoff_of_more_than_is_on_hand_is_refused(shop):
    exc = refuse(shop.db, "writeoff_more_than_on_hand", stock.writeoff, shop, PASTE, 4, "lost", "找不到了")
    assert exc.message("zh") == "“牙膏”只有 3件，不能报损 4件。请核对数量。"
    assert_english(exc)


def test_the_whole_shelf_may_be_written_off(shop):
    assert stock.writeoff(shop, PASTE, 3, "expired", "过期").after == 0


@pytest.mark.parametrize(("args", "code"), [
    (("香皂", "0", "damaged", "摔了"), "qty_not_positive"),
    (("香皂", "-2", "damaged", "摔了"), "qty_not_positive"),
    (("香皂", "1.5", "damaged", "摔了"), "qty_not_whole"),
    (("香皂", "2", "stolen", "不见"), "writeoff_why_unknown"),
    (("香皂", "2", "damaged", "  "), "reason_required"),
    (("肥皂", "2", "damaged", "摔了"), "product_unknown"),
])
def test_bad_writeoffs_are_refused(shop, args, code):
    exc = refuse(shop.db, code, stock.writeoff, shop, *args)
    if code == "writeoff_why_unknown":
        assert exc.message("zh") == "损耗原因“stolen”不认识。请选：损坏、过期或丢失。"


def test_a_volunteer_cannot_write_off(shop, volunteer):
    refuse(shop.db, "not_allowed", stock.writeoff, volunteer, "香皂", 1, "damaged", "摔了")


def test_the_low_list_holds_active_goods_at_or_below_their_reorder_level(shop):
    products.add_product(shop, name="酱油", price=8, reorder_level=5)        # 0 on hand
    oil = products.add_product(shop, name="玉米油 5L", price=85, reorder_level=4)
    stock.receive(shop, oil.code, 4)                                          # at the level
    salt = products.add_product(shop, name="食盐", price=2, reorder_level=2)
    stock.receive(shop, salt.code, 3)                                         # above it
    vinegar = products.add_product(shop, name="陈醋", price=6, reorder_level=3)
    catalogue.set_active(shop, vinegar.code, False)                           # retired: not listed
    low = stock.low_stock(shop)
    assert [(i.name, i.stock, i.reorder_level) for i in low] == [("酱油", 0, 5), ("玉米油 5L", 4, 4)]


def test_a_sale_that_leaves_goods_at_their_level_is_noticed(shop):
    give(shop, "JF000001", 20)
    tea = products.add_product(shop, name="茶叶", price=10, reorder_level=2)
    stock.receive(shop, tea.code, 4)
    sale = checkout.redeem_items(shop, "JF000001", [f"{tea.code}x2", "香皂x1"])
    low = stock.running_low(shop, [line.product_id for line in sale.lines])
    assert [(i.name, i.stock, i.unit) for i in low] == [("茶叶", 2, "件")]
    assert stock.running_low(shop, []) == []


def test_the_movement_list_names_every_kind_and_filters(shop):
    give(shop, "JF000001", 20)
    shop.clock.set(shop.clock.now().replace(day=4))
    deliveries.receive_delivery(shop, [deliveries.Line("香皂", 5)], source="捐赠", note_no="JZ-1")
    sale = checkout.redeem_items(shop, "JF000001", ["香皂x2"])
    stock.writeoff(shop, "香皂", 1, "damaged", "摔碎")
    stocktake.start(shop)
    stocktake.enter(shop, "香皂", 30)
    stocktake.post(shop)
    found = stock.moves(shop, "香皂", since="2026-11-04")
    assert [(m.kind, m.qty) for m in found] == [("receive", 5), ("sale", -2), ("damage", -1), ("take", -2)]
    assert found[0].delivery.startswith("RK261104-01-") and found[0].note == "JZ-1"
    assert found[1].receipt == sale.receipt and found[2].why == "damaged"
    assert len(stock.moves(shop, "香皂")) == 5                      # with the opening receipt
    assert [m.kind for m in stock.moves(shop, kind="damage", limit=10)] == ["damage"]
    refuse(shop.db, "date_bad", stock.moves, shop, since="昨天")


def test_every_workflow_leaves_stock_equal_to_its_movements(shop, volunteer):
    give(shop, "JF000001", 30)
    deliveries.receive_delivery(volunteer, [deliveries.Line(RICE, 7), deliveries.Line(PASTE, 4)],
                                source="乡镇配送", note_no="A1")
    checkout.redeem_items(volunteer, "JF000001", [f"{RICE}x1", f"{PASTE}x2"])
    stock.writeoff(shop, RICE, 2, "damaged", "袋子破了")
    stocktake.start(shop)
    stocktake.enter(shop, PASTE, 4)
    checkout.redeem_items(volunteer, "JF000001", [f"{PASTE}x1"])
    stocktake.post(shop)
    assert stock_of(shop, RICE) == (24, 24) and stock_of(shop, PASTE) == (3, 3)
    assert goods_store.stock_mismatches(shop.db) == []
    assert run_check(shop.db).ok
