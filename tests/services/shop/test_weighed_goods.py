"""Weighed goods at the counter: 1.5 斤 of eggs, stock in tenths, points exact."""

from __future__ import annotations

import pytest

from kiosk.services.shop import checkout, products, receipts, refunds, weighed_goods
from kiosk.services.stock import movements as stock
from kiosk.services.audit.check import run_check
from tests.conftest import give
from tests.services._support import refuse


@pytest.fixture
def eggs(shop):
    product = products.add_product(shop, name="散装鸡蛋", price="6.33", unit="斤")
    weighed_goods.set_step(shop, product.code, "0.1")
    stock.receive(shop, product.code, "12.5")
    return products.resolve(shop, product.code)


def test_a_weighed_product_keeps_its_stock_in_tenths(shop, eggs):
    assert (eggs.scale, eggs.stock, eggs.shown_stock) == (10, 125, "12.5")


def test_redeem_one_and_a_half_jin_costs_exact_points(shop, eggs):
    give(shop, "JF000001", 3)
    sale = checkout.redeem_items(shop, "JF000001", [f"{eggs.code}x1.5", "香皂"])
    assert [(line.shown_qty, str(line.amount)) for line in sale.lines] == [("1.5", "9.5"), ("1", "5.5")]
    assert str(sale.total) == "15"
    assert products.resolve(shop, eggs.code).shown_stock == "11"
    row = shop.db.one("SELECT qty, qty_scale FROM sale_line WHERE product_id = ?", (eggs.id,))
    assert tuple(row) == (15, 10)
    assert run_check(shop.db).ok
    copy = receipts.for_sale(shop, sale.receipt, copy=True)
    assert copy.lines[0].shown_qty == "1.5"


def test_refunding_part_of_a_weighed_line_gives_back_its_share(shop, eggs):
    give(shop, "JF000001", 2)
    sale = checkout.redeem_items(shop, "JF000001", [f"{eggs.code}x1.5"])
    first = refunds.refund(shop, sale.receipt, "称错了", {1: "0.5"})
    rest = refunds.refund(shop, sale.receipt, "整单退")
    assert (str(first.total), str(rest.total)) == ("3.17", "6.33")
    assert first.total + rest.total == sale.total
    assert products.resolve(shop, eggs.code).stock == 125
    assert run_check(shop.db).ok


def test_a_weight_finer_than_the_step_is_refused_and_nothing_written(shop, eggs):
    give(shop, "JF000001", 2)
    refuse(shop.db, "qty_finer_than_step", checkout.redeem_items, shop, "JF000001",
           [f"{eggs.code}x1.55"])


def test_more_than_is_on_the_shelf_says_how_much_is_there(shop, eggs):
    give(shop, "JF000001", 20)
    exc = refuse(shop.db, "out_of_stock", checkout.redeem_items, shop, "JF000001",
                 [f"{eggs.code}x12.6"])
    assert "还有 12.5斤" in exc.message()


def test_the_step_cannot_change_once_the_product_has_moved(shop, eggs):
    exc = refuse(shop.db, "qty_step_has_moves", weighed_goods.set_step, shop, eggs.code, "1")
    assert "散装鸡蛋" in exc.message()


def test_a_volunteer_cannot_set_a_step(shop, volunteer):
    product = products.add_product(shop, name="散装黄豆", price="4", unit="斤")
    refuse(shop.db, "not_allowed", weighed_goods.set_step, volunteer, product.code, "0.1")


def test_weighed_stock_changes_take_decimals(shop, eggs):
    change = stock.adjust(shop, eggs.code, "-0.3", "破了几个", kind="damage")
    assert (change.shown_before, change.shown_after) == ("12.5", "12.2")
    assert stock.take(shop, eggs.code, "12").shown_after == "12"


def test_the_reorder_level_of_a_weighed_item_is_in_whole_units(shop, eggs):
    from kiosk.services.shop import catalogue

    current = catalogue.detail(shop, eggs.code)
    catalogue.edit(shop, eggs.id, catalogue.with_changes(current, reorder_level="12"))
    assert [i.name for i in stock.low_stock(shop)] == []                 # 12.5 斤 > 12 斤
    stock.adjust(shop, eggs.code, "-0.5", "称重损耗", kind="damage")
    low = [i for i in stock.low_stock(shop) if i.name == "散装鸡蛋"]
    assert [(i.shown_stock, i.reorder_level) for i in low] == [("12", 12)]


def test_the_stock_report_values_weighed_goods_by_the_unit(shop, eggs):
    from kiosk.core.periods import Period
    from kiosk.services.reports import stock as stock_report
    from kiosk.services.reports.period import ReportPeriod

    report = stock_report.build(shop, ReportPeriod.of(Period.MONTH, shop.clock.now().date()))
    row = next(r for r in report.tables[0].rows if r[1] == "散装鸡蛋")
    assert str(row[6]) == "79.13"                                         # 12.5 斤 × 6.33, half up
