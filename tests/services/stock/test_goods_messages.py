"""Messages that said the wrong thing, and an adjustment during a stock-take counted twice.

The fixture village has 大米 5kg ×20 (6901234567892), 香皂 ×30, 牙膏 ×3 (6920000000012).
"""

from __future__ import annotations

from kiosk.services.shop import checkout, products, refunds
from kiosk.services.stock import deliveries, movements as stock, stocktake
from tests.conftest import give
from tests.services._support import assert_english, refuse, stock_of

RICE, PASTE = "6901234567892", "6920000000012"
CARTON = "16901234567899"      # a 14-digit carton code (GTIN-14): never a product's barcode


def test_a_negative_count_says_it_cannot_be_negative(shop):
    exc = refuse(shop.db, "count_negative", stock.take, shop, RICE, "-1")
    assert "不能是负数" in exc.message("zh") and "整数" not in exc.message("zh")
    assert_english(exc)


def test_a_14_digit_code_is_not_a_barcode_rather_than_unregistered(shop):
    exc = refuse(shop.db, "barcode_not_goods", products.resolve, shop, CARTON)
    text = exc.message("zh")
    assert "有 14 位数字，不是商品条码" in text and "13 位、12 位或 8 位" in text
    assert "登记这件商品" not in text
    assert_english(exc)
    line = refuse(shop.db, "delivery_line_not_goods", deliveries.receive_delivery, shop,
                  [deliveries.Line(RICE, 5), deliveries.Line(CARTON, 2)], source="乡镇配送")
    assert line.message("zh").startswith("第 2 行：“16901234567899”有 14 位数字")
    assert_english(line)


def test_an_unknown_valid_barcode_or_name_is_still_just_unknown(shop):
    refuse(shop.db, "product_unknown", products.resolve, shop, "肥皂")
    refuse(shop.db, "product_unknown", products.resolve, shop, "6900000000007")
    refuse(shop.db, "product_unknown", products.resolve, shop, "12345")      # too short to be a scan


def test_refunding_a_line_refunded_in_full_names_that_refund(shop):
    give(shop, "JF000001", 20)
    sale = checkout.redeem_items(shop, "JF000001", [RICE, PASTE])
    refunds.refund(shop, sale.receipt, "米受潮", {1: None})
    exc = refuse(shop.db, "refund_line_done", refunds.refund, shop, sale.receipt, "再退", {1: 1})
    said = exc.message("zh")
    assert said.startswith("第 1 行“大米 5kg”的 1 件已经全部退过了（2026-11-03 ")
    assert said.endswith(" 退的，原因：米受潮），不能再退。")
    assert "最多还能退" not in exc.message("zh")
    assert_english(exc)


def test_an_adjustment_after_the_item_was_counted_is_not_counted_twice(shop):
    stocktake.start(shop)
    stocktake.enter(shop, RICE, 23)                 # the shelf has 23; the book says 20
    stock.adjust(shop, RICE, "+3", "找到 3 袋")      # the book corrected while the count is open
    [rice] = [line for line in stocktake.show(shop).lines if line.code == RICE]
    assert (rice.counted, rice.on_hand, rice.difference, rice.after) == (23, 23, 0, 23)
    stocktake.post(shop)
    assert stock_of(shop, RICE) == (23, 23)


def test_an_adjustment_before_counting_and_sales_after_are_kept(shop):
    give(shop, "JF000001", 20)
    stocktake.start(shop)
    stock.adjust(shop, RICE, "-2", "破袋")             # book 18, before the count
    stocktake.enter(shop, RICE, 17)                   # shelf 17: one more missing
    checkout.redeem_items(shop, "JF000001", [RICE])   # one sold after the count: shelf 16
    stock.adjust(shop, PASTE, "+1", "更正")            # another item, not counted: untouched
    stocktake.post(shop)
    assert stock_of(shop, RICE) == (16, 16)
    assert stock_of(shop, PASTE) == (4, 4)
