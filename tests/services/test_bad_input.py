"""Bad input: a clear refusal in both languages and the database exactly as before."""

from __future__ import annotations

import pytest

from kiosk.core import barcodes
from kiosk.core.cart import Cart
from kiosk.services.people import residents
from kiosk.services.points import awards, balances
from kiosk.services.shop import checkout, products, refunds
from kiosk.services.stock import movements as stock
from tests.conftest import give
from tests.services._support import assert_english, refuse

RICE = "6901234567892"
PASTE = "6920000000012"
SOAP = barcodes.in_store_code(1)  # 香皂 has no barcode of its own
NOT_STOCKED = "690123456780" + barcodes.check_digit("690123456780")


@pytest.mark.parametrize("call", [
    lambda ctx: awards.award(ctx, "赵铁柱", "hjqs"),
    lambda ctx: checkout.redeem_items(ctx, "赵铁柱", [PASTE]),
    lambda ctx: balances.standing(ctx, "赵铁柱"),
    lambda ctx: awards.adjust(ctx, "赵铁柱", "5", "补记"),
], ids=["award", "redeem", "standing", "adjust"])
def test_unknown_resident(shop, call):
    exc = refuse(shop.db, "resident_unknown", call, shop)
    assert "赵铁柱" in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize("call", [
    lambda ctx: awards.award(ctx, "wxm", "hjqs"),
    lambda ctx: checkout.redeem_items(ctx, "WXM", [PASTE]),
])
def test_ambiguous_initials_list_both_candidates(shop, call):
    exc = refuse(shop.db, "resident_ambiguous", call, shop)
    text = exc.message("zh")
    for fact in ("王小明", "3组12号", "JF000001", "王晓明", "5组1号", "JF000003"):
        assert fact in text, (fact, text)
    assert_english(exc)


def test_ambiguous_name_lists_both_candidates(shop):
    residents.add_resident(shop, name="王小明", house_no="8组2号")
    exc = refuse(shop.db, "resident_ambiguous", awards.award, shop, "王小明", "hjqs")
    zh = exc.message("zh")
    assert "3组12号" in zh and "8组2号" in zh and "JF000001" in zh and "JF000005" in zh, zh
    assert_english(exc)
    assert awards.award(shop, "JF000005", "hjqs").resident.house_no == "8组2号"


def test_ambiguous_product_and_rule_list_candidates(shop):
    from kiosk.core.points import Points
    from kiosk.core.rules import Rule, Shape
    from kiosk.services.points import rules

    products.add_product(shop, name="牙刷", price=3)
    exc = refuse(shop.db, "product_ambiguous", checkout.redeem_items, shop, "JF000001", ["牙"])
    assert "牙膏" in exc.message("zh") and "牙刷" in exc.message("zh")
    rules.add_rule(shop, Rule("fwlr", "服务老人", "孝老爱亲", Shape.FIXED, Points.parse(2)))
    exc = refuse(shop.db, "rule_ambiguous", awards.award, shop, "JF000001", "服务")
    assert "志愿服务" in exc.message("zh") and "服务老人" in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize("item", ["肥皂粉", NOT_STOCKED, "2999999999999"[:12] + barcodes.check_digit("299999999999")])
def test_unknown_product(shop, item):
    give(shop, "JF000001", 2)
    exc = refuse(shop.db, "product_unknown", checkout.redeem_items, shop, "JF000001", [item])
    assert item in exc.message("zh")
    assert_english(exc)
    refuse(shop.db, "product_unknown", stock.receive, shop, item, 5)


def test_unknown_rule(shop):
    exc = refuse(shop.db, "rule_unknown", awards.award, shop, "JF000001", "植树造林")
    assert "植树造林" in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize("query", ["%", "环境__", "_"])
def test_rule_query_with_sql_wildcards_is_unknown(shop, query):
    """'%' and '_' are text, not LIKE wildcards: they name no rule."""
    refuse(shop.db, "rule_unknown", awards.award, shop, "JF000001", query)


@pytest.mark.parametrize("receipt", ["261103-01-0099", "261103010099", "不是小票", ""])
def test_unknown_receipt(shop, receipt):
    exc = refuse(shop.db, "receipt_unknown", refunds.refund, shop, receipt, "顾客退货")
    assert receipt in exc.message("zh")
    assert_english(exc)


def test_insufficient_points_says_balance_and_shortfall(shop):
    give(shop, "JF000001", 2)  # 10 points
    exc = refuse(shop.db, "insufficient_points", checkout.redeem_items, shop, "JF000001",
                 [RICE, "香皂"])  # 50 + 5.5
    zh = exc.message("zh")
    assert "余额 10 分" in zh and "55.5" in zh and "还差 45.5 分" in zh, zh
    en = exc.message("en")
    assert "10" in en and "45.5" in en
    assert_english(exc)


@pytest.mark.parametrize("qty, code", [("0", "qty_not_positive"), ("-1", "qty_not_positive"),
                                       ("1.5", "qty_not_whole"), ("abc", "qty_not_whole"),
                                       ("1000", "qty_absurd"), ("99999999999", "qty_absurd")])
def test_redeem_bad_quantity(shop, qty, code):
    give(shop, "JF000001", 4)
    exc = refuse(shop.db, code, checkout.redeem_items, shop, "JF000001", [f"{PASTE}x{qty}"])
    assert qty in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize("qty, code", [(0, "qty_not_positive"), (-2, "qty_not_positive"),
                                       (1.5, "qty_not_whole"), ("1.0", "qty_not_whole")])
def test_cart_with_bad_quantity_is_refused(shop, qty, code):
    """Building a cart and handing it to the service: refused, never a crash."""
    give(shop, "JF000001", 4)
    soap = products.resolve(shop, "香皂")

    def sell():
        cart = Cart()
        cart.add(soap.id, soap.name, soap.price, qty)
        return checkout.redeem(shop, "JF000001", cart)

    refuse(shop.db, code, sell)


def test_cart_lines_made_by_hand_are_checked_by_the_service(shop):
    """A line built directly (not through Cart.add) must not reach the database."""
    from kiosk.core.cart import CartLine

    give(shop, "JF000001", 4)
    soap = products.resolve(shop, "香皂")
    for qty in (0, -2):
        cart = Cart([CartLine(soap.id, soap.name, soap.price, qty)])
        refuse(shop.db, "qty_not_positive", checkout.redeem, shop, "JF000001", cart)


@pytest.mark.parametrize("rule, qty, code", [
    ("hjqs", "0", "qty_not_positive"), ("hjqs", "-2", "qty_not_positive"),
    ("hjqs", "1.5", "qty_not_whole"), ("hjqs", "abc", "qty_not_number"),
    ("hjqs", "101", "qty_absurd"), ("zyfw", "745", "qty_absurd"), ("zyfw", "0.00", "qty_not_positive"),
])
def test_award_bad_quantity(shop, rule, qty, code):
    exc = refuse(shop.db, code, awards.award, shop, "JF000001", rule, qty)
    assert qty in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize("qty, code", [("0", "qty_not_positive"), ("-3", "qty_not_positive"),
                                       ("2.5", "qty_not_whole"), ("100001", "qty_absurd")])
def test_receive_bad_quantity(shop, qty, code):
    refuse(shop.db, code, stock.receive, shop, RICE, qty)


@pytest.mark.parametrize("delta, code", [("0", "qty_not_positive"), ("1.5", "qty_not_whole"),
                                         ("-31", "stock_below_zero"), ("-100001", "qty_absurd")])
def test_stock_adjust_bad_quantity(shop, delta, code):
    exc = refuse(shop.db, code, stock.adjust, shop, "香皂", delta, "受潮")
    if code == "stock_below_zero":
        assert "30" in exc.message("zh")
    assert_english(exc)


def test_stock_adjust_needs_reason(shop):
    refuse(shop.db, "reason_required", stock.adjust, shop, "香皂", "-1", "  ")


BAD_CHECK = ["6901234567891", "6920000000013", "69012344", "036000291453"]


@pytest.mark.parametrize("code", BAD_CHECK)
def test_bad_check_digit_when_adding_a_product(shop, code):
    exc = refuse(shop.db, "barcode_bad_check_digit", products.add_product, shop,
                 name="酱油", price=8, barcode=code)
    expected = barcodes.check_digit(code[:-1])
    assert code in exc.message("zh") and f"应为 {expected}" in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize("code", BAD_CHECK)
def test_bad_check_digit_when_scanned_at_the_counter(shop, code):
    give(shop, "JF000001", 2)
    exc = refuse(shop.db, "barcode_bad_check_digit", checkout.redeem_items, shop, "JF000001", [code])
    assert code in exc.message("zh")


def test_duplicate_rule_code(shop):
    from kiosk.core.points import Points
    from kiosk.core.rules import Rule, Shape
    from kiosk.services.points import rules

    exc = refuse(shop.db, "rule_exists", rules.add_rule, shop,
                 Rule("HJQS", "打扫卫生", "环境卫生", Shape.FIXED, Points.parse(3)))
    assert "hjqs" in exc.message("zh")


@pytest.mark.parametrize("code, owner", [(RICE, "大米 5kg"), (SOAP, "香皂"),
                                         (PASTE, "牙膏"), (" " + PASTE + " ", "牙膏")])
def test_duplicate_barcode(shop, code, owner):
    exc = refuse(shop.db, "barcode_exists", products.add_product, shop, name="酱油", price=8,
                 barcode=code)
    assert owner in exc.message("zh") and code.strip() in exc.message("zh")
    assert_english(exc)


def test_duplicate_barcode_in_upc_a_form(shop):
    ean = "0036000291452"
    products.add_product(shop, name="可乐", price=3, barcode=ean)
    exc = refuse(shop.db, "barcode_exists", products.add_product, shop, name="雪碧", price=3,
                 barcode=ean[1:])
    assert "可乐" in exc.message("zh")


@pytest.mark.parametrize("price, code", [("0", "price_not_positive"), ("-5", "price_not_positive"),
                                         ("0.001", "points_bad"), ("abc", "points_bad"),
                                         (0.1 + 0.2, "points_bad"), ("100001", "price_absurd")])
def test_bad_price(shop, price, code):
    refuse(shop.db, code, products.add_product, shop, name="酱油", price=price)


@pytest.mark.parametrize("amount, reason, code", [
    ("0", "补记", "adjust_zero"), ("100.01", "补记", "adjust_absurd"), ("1.234", "补记", "points_bad"),
    ("五", "补记", "points_bad"), ("5", "", "reason_required"), ("5", "   ", "reason_required"),
    ("-5", "多记了", "adjust_overdraw"),
])
def test_bad_adjustment(shop, amount, reason, code):
    refuse(shop.db, code, awards.adjust, shop, "JF000001", amount, reason)


def test_volunteer_attempting_managers_action(volunteer):
    exc = refuse(volunteer.db, "not_allowed", awards.adjust, volunteer, "JF000001", "5", "补记")
    zh = exc.message("zh")
    assert "张晓燕" in zh and "志愿者" in zh and "调整积分" in zh, zh
    en = exc.message("en")
    assert "volunteer" in en and "adjust points" in en
    assert_english(exc)
