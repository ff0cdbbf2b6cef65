"""The monthly stock value report (库存金额) in yuan at moving average cost, beside points.

The fixture village has 大米 5kg ×20 (6901234567892, 50 points), 香皂 ×30, 牙膏 ×3, all
received with no price (so worth 0 yuan) on 2026-11-03.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from kiosk.core.points import Points
from kiosk.printing.report_pdf import render_pdf
from kiosk.printing.tables_out import xlsx_bytes
from kiosk.services import reports
from kiosk.services.shop import checkout
from kiosk.services.stock import deliveries, movements as stock, suppliers
from tests.conftest import give

RICE, PASTE = "6901234567892", "6920000000012"
Line = deliveries.Line


def _column(table, title: str) -> int:
    return [c.title for c in table.columns].index(title)


def _rice(report):
    table = report.table("value")
    return {c.title: v for c, v in zip(table.columns, next(r for r in table.rows if r[0] == "大米 5kg"))}


def test_a_month_of_purchases_gifts_sales_and_write_offs_adds_up_to_the_fen(shop):
    suppliers.add(shop, "惠民超市", "采购")
    suppliers.add(shop, "王大爷", "爱心捐赠")
    give(shop, "JF000001", 40)
    shop.clock.set(datetime(2026, 12, 2, 9, 0))
    deliveries.receive_delivery(shop, [Line(RICE, 10, cost="30")], supplier="惠民超市")   # 30 bags
    deliveries.receive_delivery(shop, [Line(RICE, 10, cost="45")], supplier="王大爷")     # 40 bags
    checkout.redeem_items(shop, "JF000001", [f"{RICE}*2"])
    stock.writeoff(shop, RICE, 1, "damaged", "破袋")
    report = reports.make(shop, "value", "2026-12")
    rice = _rice(report)
    assert (rice["期初数"], rice["期初金额"], rice["入库金额"]) == (20, Decimal("0.00"), Decimal("750.00"))
    # 40 bags worth 750.00: the average is 18.75 a bag
    assert rice["出库金额"] == Decimal("37.50") and rice["报损金额"] == Decimal("18.75")
    assert (rice["期末数"], rice["期末金额"]) == (37, Decimal("693.75"))
    assert rice["期末积分"] == Points.parse(50 * 37)
    table = report.table("value")
    for row in table.rows:                       # opening + in − out − written off + other = closing
        assert row[3] + row[4] - row[5] - row[6] + row[7] == row[9]
    assert report.fact("期末金额（元）") == table.total[_column(table, "期末金额")]


def test_the_next_month_opens_where_this_one_closed(shop):
    suppliers.add(shop, "惠民超市", "采购")
    shop.clock.set(datetime(2026, 12, 2, 9, 0))
    deliveries.receive_delivery(shop, [Line(PASTE, 7, cost="4.5")], supplier="惠民超市")
    shop.clock.set(datetime(2027, 1, 5, 9, 0))
    stock.writeoff(shop, PASTE, 1, "expired", "过期")
    december = reports.make(shop, "value", "2026-12").table("value")
    january = reports.make(shop, "value", "2027-01").table("value")
    closed = next(r for r in december.rows if r[0] == "牙膏")
    opened = next(r for r in january.rows if r[0] == "牙膏")
    assert (opened[2], opened[3]) == (closed[8], closed[9]) == (10, Decimal("31.50"))
    assert opened[6] == Decimal("3.15")


def test_the_report_saves_as_pdf_and_excel_with_numbers(shop):
    suppliers.add(shop, "惠民超市", "采购")
    deliveries.receive_delivery(shop, [Line(RICE, 2, cost="31.5")], supplier="惠民超市")
    report = reports.make(shop, "value", "2026-11")
    assert render_pdf(report).startswith(b"%PDF")
    assert xlsx_bytes(report)[:2] == b"PK"
    assert reports.make(shop, "value", "2026-10").empty      # before the shop had any goods


def test_the_command_line_writes_it_as_csv(shop, tmp_path):
    path = tmp_path / "value.csv"
    reports.save(reports.make(shop, "value", "2026-11"), "csv", path)
    text = path.read_text(encoding="utf-8-sig")
    assert "期初金额" in text and "0.00" in text


def test_a_weighed_product_is_costed_by_the_unit_not_by_the_step(shop):
    """Eggs bought at 4.50 yuan a 斤, 12.5 斤 of them: 56.25 yuan, not ten times that."""
    from kiosk.services.shop import products, weighed_goods
    suppliers.add(shop, "惠民超市", "采购")
    eggs = products.add_product(shop, name="散装鸡蛋", price="6.33", unit="斤")
    weighed_goods.set_step(shop, eggs.code, "0.1")
    shop.clock.set(datetime(2026, 12, 2, 9, 0))
    note = deliveries.receive_delivery(shop, [Line(eggs.code, "12.5", cost="4.5")], supplier="惠民超市")
    assert note.value == 5625
    row = next(r for r in reports.make(shop, "value", "2026-12").table("value").rows if r[0] == "散装鸡蛋")
    assert row[4] == Decimal("56.25")                 # 入库金额
    assert row[10] == Points.parse("79.13")           # 12.5 斤 × 6.33, half up
