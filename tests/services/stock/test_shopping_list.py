"""The shopping list: low goods grouped by the supplier of their latest delivery, with a
suggested quantity from the last three months' exchanges.

The fixture village has 大米 5kg ×20 (6901234567892), 香皂 ×30, 牙膏 ×3 (6920000000012),
all with reorder level 0, received on 2026-11-03 with no recorded supplier.
"""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook
from pypdf import PdfReader

from kiosk.services.shop import catalogue, checkout
from kiosk.services.stock import deliveries, shopping, suppliers
from tests.conftest import give

RICE, PASTE = "6901234567892", "6920000000012"


def _reorder(shop, item: str, level: int) -> None:
    catalogue.edit(shop, item, catalogue.with_changes(catalogue.detail(shop, item), reorder_level=level))


def _scene(shop):
    suppliers.add(shop, "惠民超市", "采购", "李老板")
    give(shop, "JF000001", 40)
    shop.clock.set(datetime(2026, 11, 10, 9, 0))
    deliveries.receive_delivery(shop, [deliveries.Line(PASTE, 9, cost="4.5")], supplier="惠民超市")
    for _n in range(3):
        checkout.redeem_items(shop, "JF000001", [f"{PASTE}*3", RICE])     # 9 paste, 3 rice sold
    _reorder(shop, PASTE, 5)            # paste: 3 on hand, level 5 → low
    _reorder(shop, RICE, 20)            # rice: 17 on hand, level 20 → low, no supplier on record
    shop.clock.set(datetime(2026, 12, 1, 9, 0))


def test_low_goods_are_grouped_by_supplier_with_a_suggested_quantity(shop):
    _scene(shop)
    groups = shopping.shopping_list(shop)
    assert [(g.supplier, [ln.name for ln in g.lines]) for g in groups] == [
        ("惠民超市", ["牙膏"]), ("", ["大米 5kg"])]
    paste = groups[0].lines[0]
    assert (paste.stock, paste.sold, paste.suggested) == (3, 9, 3 + 5 + 1 - 3)
    assert paste.cost == 6 * 450
    rice = groups[1].lines[0]
    assert (rice.stock, rice.sold, rice.suggested, rice.cost) == (17, 3, 1 + 20 + 1 - 17, None)


def test_sales_older_than_three_months_do_not_count(shop):
    _scene(shop)
    shop.clock.set(datetime(2027, 3, 1, 9, 0))
    paste = shopping.shopping_list(shop)[0].lines[0]
    assert (paste.sold, paste.suggested) == (0, 5 + 1 - 3)


def test_the_list_exports_and_prints(shop, tmp_path):
    _scene(shop)
    assert shopping.export(shop, tmp_path / "采购.xlsx") == 2
    sheet = load_workbook(tmp_path / "采购.xlsx").active
    assert [c.value for c in sheet[2]][:3] == ["惠民超市", PASTE, "牙膏"]
    pdf = shopping.save_pdf(shop, tmp_path / "采购.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "采购单" in text and "惠民超市" in text and "未记录供货方" in text
