"""Sales at the counter and refunds: receipts, partial refunds, holds, stock."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.core.cart import Cart
from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.services.shop import checkout, refunds
from kiosk.services.audit.check import run_check
from tests.conftest import fingerprint, give
from tests.services._support import assert_english, balance_of, refuse, stock_of

PASTE = "6920000000012"


def test_receipts_are_sequential_per_day_and_restart_next_day(shop, clock):
    give(shop, "JF000001", 6)
    first = checkout.redeem_items(shop, "JF000001", ["香皂"])
    second = checkout.redeem_items(shop, "JF000002", [PASTE])
    assert (first.receipt, second.receipt) == ("261103-01-0001", "261103-01-0002")
    with pytest.raises(Refused):
        checkout.redeem_items(shop, "JF000001", ["大米 5kg"])    # refused: uses no number
    third = checkout.redeem_items(shop, "JF000001", ["香皂"])
    assert third.receipt == "261103-01-0003"
    clock.set(datetime(2026, 11, 4, 8, 0))
    assert checkout.redeem_items(shop, "JF000001", ["香皂"]).receipt == "261104-01-0001"
    assert checkout.redeem_items(shop, "JF000001", [PASTE]).receipt == "261104-01-0002"


def test_sale_records_lines_balances_and_stock(shop, volunteer):
    give(shop, "JF000001", 8)
    sale = checkout.redeem_items(volunteer, "JF000002", ["香皂x2", PASTE, "香皂"])
    assert [(line.name, line.qty) for line in sale.lines] == [("香皂", 3), ("牙膏", 1)]
    assert sale.total == Points.parse("21.5")
    assert (sale.balance_before, sale.balance_after) == (Points(4000), Points(1850))
    assert sale.operator == "张晓燕" and sale.resident.name == "李秀英"
    row = shop.db.one("SELECT * FROM sale WHERE receipt = ?", (sale.receipt,))
    assert (row["total"], row["balance_before"], row["balance_after"]) == (2150, 4000, 1850)
    assert row["operator_id"] == volunteer.actor.operator_id
    assert stock_of(shop, "香皂") == (27, 27) and stock_of(shop, PASTE) == (2, 2)
    assert run_check(shop.db).ok


def test_refund_some_lines_then_the_rest(shop, scene):
    # scene: 香皂 ×2 (line 1) and 牙膏 ×1 (line 2) for 16, balance 24 left.
    part = refunds.refund(shop, scene.receipt, "香皂受潮", {1: 1})
    assert part.total == Points.parse("5.5") and part.balance_after == Points.parse("29.5")
    assert [(line.line_no, line.qty) for line in part.lines] == [(1, 1)]
    assert stock_of(shop, "香皂") == (29, 29)

    rest = refunds.refund(shop, scene.receipt.replace("-", ""), "整单退")
    assert [(line.line_no, line.qty) for line in rest.lines] == [(1, 1), (2, 1)]
    assert rest.total == Points.parse("10.5") and rest.balance_after == Points.parse(40)
    assert balance_of(shop, "JF000001") == 4000
    assert stock_of(shop, "香皂") == (30, 30) and stock_of(shop, PASTE) == (3, 3)
    sale_id = shop.db.scalar("SELECT id FROM sale WHERE receipt = ?", (scene.receipt,))
    redeem_id = shop.db.scalar("SELECT id FROM entry WHERE kind = 'redeem' AND sale_id = ?", (sale_id,))
    reverses = {r[0] for r in shop.db.all("SELECT reverses_id FROM entry WHERE kind = 'refund'")}
    assert reverses == {redeem_id}

    exc = refuse(shop.db, "refund_nothing_left", refunds.refund, shop, scene.receipt, "再退")
    assert scene.receipt in exc.message("zh")
    refuse(shop.db, "refund_line_done", refunds.refund, shop, scene.receipt, "再退", {1: 1})
    assert run_check(shop.db).ok


def test_refunding_more_than_is_left_is_refused(shop, scene):
    exc = refuse(shop.db, "refund_too_many", refunds.refund, shop, scene.receipt, "退", {1: 3})
    assert "第 1 行最多还能退 2 件" in exc.message("zh")
    assert_english(exc)
    refunds.refund(shop, scene.receipt, "退", {1: 1})
    exc = refuse(shop.db, "refund_too_many", refunds.refund, shop, scene.receipt, "退", {1: 2})
    assert "最多还能退 1 件" in exc.message("zh")


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_refund_needs_a_reason(shop, scene, reason):
    exc = refuse(shop.db, "reason_required", refunds.refund, shop, scene.receipt, reason)
    assert_english(exc)


def test_refund_unknown_line(shop, scene):
    exc = refuse(shop.db, "refund_line_unknown", refunds.refund, shop, scene.receipt, "退", {3: 1})
    assert scene.receipt in exc.message("zh") and "3" in exc.message("zh")


@pytest.mark.parametrize("qty, code", [(0, "qty_not_positive"), (-1, "qty_not_positive"),
                                       (1.5, "qty_not_whole")])
def test_refund_bad_quantity(shop, scene, qty, code):
    refuse(shop.db, code, refunds.refund, shop, scene.receipt, "退", {1: qty})


def test_refund_of_no_lines_is_refused_not_crashed(shop, scene):
    before = fingerprint(shop.db)
    with pytest.raises(Refused):
        refunds.refund(shop, scene.receipt, "退", {})
    assert fingerprint(shop.db) == before


def test_account_on_hold_refuses_redeem(shop):
    give(shop, "JF000001", 4)
    shop.db.execute("UPDATE account SET hold_reason = '两台终端合并后透支，待乡镇核查'"
                    " WHERE household_id = (SELECT household_id FROM resident WHERE card_code = 'JF000001')")
    for who in ("JF000001", "李秀英"):
        exc = refuse(shop.db, "account_on_hold", checkout.redeem_items, shop, who, ["香皂"])
        assert "两台终端合并后透支" in exc.message("zh")
        assert_english(exc)
    give(shop, "JF000003", 2)  # another household is not held
    assert checkout.redeem_items(shop, "JF000003", ["香皂"]).balance_after == Points.parse("4.5")


def test_inactive_resident_cannot_redeem(shop):
    give(shop, "JF000004", 4)
    shop.db.execute("UPDATE resident SET status = 'deceased' WHERE card_code = 'JF000004'")
    exc = refuse(shop.db, "resident_inactive", checkout.redeem_items, shop, "JF000004", ["香皂"])
    assert "张桂兰" in exc.message("zh") and "已故" in exc.message("zh")
    assert "deceased" in exc.message("en")
    assert_english(exc)


def test_out_of_stock_is_refused(shop):
    give(shop, "JF000001", 8)
    exc = refuse(shop.db, "out_of_stock", checkout.redeem_items, shop, "JF000001", [f"{PASTE}x4"])
    zh = exc.message("zh")
    assert "牙膏" in zh and "还有 3件" in zh and "要 4件" in zh, zh
    assert_english(exc)
    # Two lines of the same product are counted together.
    refuse(shop.db, "out_of_stock", checkout.redeem_items, shop, "JF000001", [f"{PASTE}x2", f"{PASTE}x2"])


def test_empty_cart_is_refused(shop):
    give(shop, "JF000001", 1)
    exc = refuse(shop.db, "cart_empty", checkout.redeem, shop, "JF000001", Cart())
    assert_english(exc)
