"""Weighed goods are shown as people weigh them everywhere a stored quantity is shown.

Stock, movements and sale lines keep whole steps (1.5 斤 at a step of 0.1 is 15); every
report, paper and list shows 1.5, never 15 (kiosk.core.weighed.quantity).
The fixture village has 大米 5kg ×20, 香皂 ×30, 牙膏 ×3, received on 2026-11-03.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kiosk.cli.output import plain
from kiosk.core.weighed import Qty, quantity
from kiosk.printing.tables_out import xlsx_bytes
from kiosk.services import reports
from kiosk.services.reports import shift
from kiosk.services.shop import catalogue, checkout, products, refunds, weighed_goods
from kiosk.services.stock import deliveries, shopping, movements as stock, suppliers
from tests.conftest import give

DEC2 = datetime(2026, 12, 2, 9, 0)


@pytest.fixture
def eggs(shop):
    """散装鸡蛋 by the 0.1 斤: 12.5 斤 bought on 2 December, 1.5 斤 exchanged, 0.5 斤 given back."""
    suppliers.add(shop, "惠民超市", "采购")
    product = products.add_product(shop, name="散装鸡蛋", price="6.33", unit="斤")
    weighed_goods.set_step(shop, product.code, "0.1")
    shop.clock.set(DEC2)
    deliveries.receive_delivery(shop, [deliveries.Line(product.code, "12.5", cost="4.5")], supplier="惠民超市")
    give(shop, "JF000001", 3)
    sale = checkout.redeem_items(shop, "JF000001", [f"{product.code}x1.5", "香皂"])
    refunds.refund(shop, sale.receipt, "称错了", {1: "0.5"})
    return products.resolve(shop, product.code)


def _row(table, name: str) -> dict:
    return {c.title: v for c, v in zip(table.columns, next(r for r in table.rows if r[0] == name or r[1] == name))}


def test_quantity_keeps_pieces_as_numbers_and_shows_weights_with_decimals():
    assert quantity(15) == 15 and str(quantity(15, 10)) == "1.5"
    total = 3 + Qty(15, 10) + Qty(5, 100)
    assert str(total) == "4.55" and plain(total) == "4.55" and plain(quantity(7)) == 7
    assert str(Qty(15, 10) - Qty(5, 10)) == "1" and str(2 - Qty(5, 10)) == "1.5"


def test_the_movements_report_shows_jin_not_steps(shop, eggs):
    report = reports.make(shop, "movements", "2026-12")
    row = _row(report.table("movements"), "散装鸡蛋")
    assert [str(v) for v in list(row.values())[2:]] == ["0", "12.5", "-1.5", "0.5", "0", "0", "0", "11.5"]
    moves = [str(r[3]) for r in report.table("moves").rows if r[1] == "散装鸡蛋"]
    assert moves == ["12.5", "-1.5", "0.5"]
    assert str(report.table("movements").total[3]) == "12.5"       # 入库: eggs only this month


@pytest.mark.parametrize("name", ["monthly", "daily"])
def test_the_goods_out_show_jin_and_add_up(shop, eggs, name):
    report = reports.make(shop, name, "2026-12" if name == "monthly" else "2026-12-02")
    goods = report.table("goods")
    row = _row(goods, "散装鸡蛋")
    assert [str(v) for v in list(row.values())[2:5]] == ["1.5", "0.5", "1"]
    assert str(goods.total[4]) == "2"                               # 1 斤 of eggs and 1 香皂
    assert str(report.fact("出库商品（件）")) == "2"


def test_the_stock_and_stock_value_reports_show_jin(shop, eggs):
    row = _row(reports.make(shop, "stock", "2026-12").table("stock"), "散装鸡蛋")
    assert str(row["库存"]) == "11.5"
    value = _row(reports.make(shop, "value", "2026-12").table("value"), "散装鸡蛋")
    assert (str(value["期初数"]), str(value["期末数"])) == ("0", "11.5")


def test_the_excel_file_gets_the_weight_as_a_number(shop, eggs, tmp_path):
    path = tmp_path / "stock.xlsx"
    path.write_bytes(xlsx_bytes(reports.make(shop, "stock", "2026-12")))
    cells = [c.value for row in load_workbook(path).worksheets[-1].iter_rows() for c in row]
    assert Decimal("11.5") in cells or 11.5 in cells


def test_the_shift_summary_shows_jin(shop, eggs):
    goods = dict(shift.summary(shop, DEC2.date()).goods)
    assert str(goods["散装鸡蛋"]) == "1"


def test_the_delivery_note_shows_jin(shop, eggs):
    note = deliveries.receive_delivery(shop, [deliveries.Line(eggs.code, "2.5", cost="4.5"),
                                              deliveries.Line("香皂", 2, cost="3")], supplier="惠民超市")
    assert [str(line.shown) for line in note.lines] == ["2.5", "2"]
    assert str(note.total) == "4.5"


def test_the_shopping_list_suggests_whole_jin_from_what_was_weighed(shop, eggs):
    """11.5 斤 on hand at level 12: low; 1 斤 sold in three months → ⌈1/3⌉ + 12 + 1 − 11.5 = 2.5 → 3 斤."""
    catalogue.edit(shop, eggs.code, catalogue.with_changes(catalogue.detail(shop, eggs.code), reorder_level=12))
    line = next(ln for g in shopping.shopping_list(shop) for ln in g.lines if ln.name == "散装鸡蛋")
    assert (str(line.stock), str(line.sold), line.suggested, line.cost) == ("11.5", "1", 3, 1350)


def test_a_weighed_product_above_its_level_in_steps_is_not_on_the_shopping_list(shop, eggs):
    """11.5 斤 is 115 steps: at level 20 (斤) it is low, at level 11 it is not."""
    catalogue.edit(shop, eggs.code, catalogue.with_changes(catalogue.detail(shop, eggs.code), reorder_level=11))
    assert "散装鸡蛋" not in [ln.name for g in shopping.shopping_list(shop) for ln in g.lines]


def test_the_stock_moves_list_knows_the_step(shop, eggs):
    found = stock.moves(shop, eggs.code)
    assert [quantity(m.qty, m.scale) for m in found] == [Qty(125, 10), Qty(-15, 10), Qty(5, 10)]


def test_a_statement_counts_a_weighed_line_as_one_item_not_its_steps(shop, eggs):
    table = reports.make(shop, "statement", "2026-12", resident="JF000001").tables[0]
    said = " ".join(str(v) for row in table.rows for v in row)
    assert "兑换 散装鸡蛋 等 2 件" in said and "16 件" not in said
