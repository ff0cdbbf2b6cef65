"""Suppliers and donors: every delivery names one; purchases keep their cost, gifts their value.

The fixture village has 大米 5kg ×20 (6901234567892), 香皂 ×30, 牙膏 ×3 (6920000000012).
"""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.core.money import parse_yuan, yuan_text
from kiosk.services.stock import deliveries, suppliers
from kiosk.services.audit.check import run_check
from kiosk.sync import outbox
from tests.services._support import assert_english, refuse, stock_of

RICE, PASTE = "6901234567892", "6920000000012"
Line = deliveries.Line


def _suppliers(shop):
    suppliers.add(shop, "青石镇配送中心", "乡镇配送", "镇供销社 0571-1234")
    suppliers.add(shop, "惠民超市", "采购", "李老板")
    suppliers.add(shop, "王大爷", "爱心捐赠", "3组12号")
    suppliers.add(shop, "县农商银行", "企业捐赠")


def test_a_purchase_keeps_each_lines_cost_in_fen(shop):
    _suppliers(shop)
    done = deliveries.receive_delivery(shop, [Line(RICE, 5, cost="31.5"), Line(PASTE, 10, cost=4)],
                                       supplier="惠民超市", note_no="HM-88")
    assert (done.supplier, done.supplier_kind, done.source) == ("惠民超市", "采购", "采购")
    assert [(ln.unit_cost, ln.cost) for ln in done.lines] == [(3150, 15750), (400, 4000)]
    assert done.value == 19750 and not done.donation
    assert deliveries.find(shop, done.number) == done
    assert stock_of(shop, RICE) == (25, 25)
    assert run_check(shop.db).ok


def test_a_purchase_line_without_a_cost_refuses_the_whole_delivery(shop):
    _suppliers(shop)
    exc = refuse(shop.db, "delivery_line_cost_required", deliveries.receive_delivery, shop,
                 [Line(RICE, 5, cost="30"), Line(PASTE, 2)], supplier="惠民超市")
    assert exc.message("zh").startswith("第 2 行“牙膏”：从“惠民超市”采购的货要填进价")
    assert_english(exc)
    for typed, code in (("-1", "yuan_bad"), ("十元", "yuan_bad"), ("1.005", "yuan_too_fine"),
                        ("1e12", "yuan_absurd"), ("nan", "yuan_bad")):
        exc = refuse(shop.db, "delivery_line_cost_bad", deliveries.receive_delivery, shop,
                     [Line(RICE, 5, cost=typed)], supplier="惠民超市")
        assert Refused(code, value=typed).message("zh") in exc.message("zh"), typed   # says what is wrong
        assert_english(exc)


def test_a_donation_keeps_its_donor_and_declared_value(shop):
    _suppliers(shop)
    done = deliveries.receive_delivery(shop, [Line(RICE, 10, cost="45")], supplier="王大爷")
    assert (done.supplier, done.source, done.donation, done.value) == ("王大爷", "捐赠", True, 45000)
    township = deliveries.receive_delivery(shop, [Line(RICE, 10)], supplier="青石镇配送中心")
    assert township.value is None and township.source == "乡镇配送"


def test_an_unknown_supplier_is_refused_with_the_list_and_the_nearest(shop):
    exc = refuse(shop.db, "supplier_none_yet", deliveries.receive_delivery, shop, [Line(RICE, 1)],
                 supplier="惠民超市")
    assert_english(exc)
    _suppliers(shop)
    exc = refuse(shop.db, "supplier_unknown", deliveries.receive_delivery, shop, [Line(RICE, 1)],
                 supplier="惠民")
    assert "最接近的是“惠民超市”" in exc.message("zh") and "王大爷" in exc.message("zh")
    assert_english(exc)
    refuse(shop.db, "delivery_supplier_required", deliveries.receive_delivery, shop, [Line(RICE, 1)])


def test_suppliers_are_journaled_audited_and_edited(shop):
    _suppliers(shop)
    renamed = suppliers.edit(shop, "惠民超市", new_name="惠民便利店", contact="")
    assert (renamed.name, renamed.kind, renamed.contact) == ("惠民便利店", "采购", "")
    suppliers.edit(shop, "王大爷", active=False)
    assert [s.name for s in suppliers.list_suppliers(shop)] == ["青石镇配送中心", "县农商银行", "惠民便利店"]
    refuse(shop.db, "supplier_unknown", suppliers.find, shop, "王大爷")
    refuse(shop.db, "supplier_exists", suppliers.add, shop, "县农商银行", "企业捐赠")
    refuse(shop.db, "supplier_exists", suppliers.edit, shop, "惠民便利店", new_name="县农商银行")
    refuse(shop.db, "supplier_kind_unknown", suppliers.add, shop, "老张", "朋友")
    kinds = [r.type for r in outbox.pending(shop.db, 0, 10_000)]
    assert kinds.count("supplier") == 6
    assert run_check(shop.db).ok


def test_a_volunteer_receives_but_cannot_add_suppliers(shop, volunteer):
    _suppliers(shop)
    refuse(shop.db, "not_allowed", suppliers.add, volunteer, "老张", "爱心捐赠")
    deliveries.receive_delivery(volunteer, [Line(RICE, 1)], supplier="青石镇配送中心")


@pytest.mark.parametrize(("typed", "fen"), [("12", 1200), ("12.5", 1250), ("0.05", 5), ("1,200.00元", 120000),
                                            (7, 700), ("0", 0)])
def test_yuan_are_exact_fen(typed, fen):
    assert parse_yuan(typed) == fen
    assert yuan_text(fen) == f"{fen // 100}.{fen % 100:02d}"


def test_the_movements_report_shows_both_note_numbers(shop):
    from kiosk.services import reports

    _suppliers(shop)
    done = deliveries.receive_delivery(shop, [Line(RICE, 5, cost="30")], supplier="惠民超市",
                                       note_no="HM-88")
    moves = reports.make(shop, "movements", shop.clock.now().strftime("%Y-%m")).table("moves")
    titles = [c.title for c in moves.columns]
    [row] = [r for r in moves.rows if r[titles.index("入库单号")]]
    assert (row[titles.index("来源/小票/说明")], row[titles.index("入库单号")],
            row[titles.index("送货单号")]) == ("惠民超市", done.number, "HM-88")


def test_a_donation_prints_its_notice_and_a_thank_you_slip(shop, tmp_path):
    from pypdf import PdfReader

    from kiosk.services.stock import donations

    _suppliers(shop)
    gift = deliveries.receive_delivery(shop, [Line(RICE, 10, cost="45"), Line(PASTE, 20)],
                                       supplier="王大爷")
    pdf = donations.save_notice(shop, gift.number, tmp_path / "公示.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "爱心捐赠公示" in text and "王大爷" in text and "450.00" in text
    slip = donations.save_thanks(shop, gift.number, tmp_path / "感谢.bin").read_bytes()
    assert "感谢信".encode("gb18030") in slip and "王大爷".encode("gb18030") in slip
    bought = deliveries.receive_delivery(shop, [Line(RICE, 1, cost=30)], supplier="惠民超市")
    exc = refuse(shop.db, "delivery_not_donation", donations.save_notice, shop, bought.number,
                 tmp_path / "x.pdf")
    assert_english(exc)
    assert not (tmp_path / "x.pdf").exists()
