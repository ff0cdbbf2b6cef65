"""Receiving a delivery (入库): all lines or none, bad lines named, the receiving note."""

from __future__ import annotations

import json

import pytest

from kiosk.core.errors import Refused
from kiosk.services.stock import deliveries
from kiosk.services.audit.check import run_check
from kiosk.services.stock.deliveries import Line
from kiosk.store import goods as goods_store
from kiosk.store import journal
from tests.conftest import fingerprint
from tests.services._support import assert_english, refuse, stock_of

RICE, PASTE = "6901234567892", "6920000000012"


def books_agree(ctx) -> None:
    assert goods_store.stock_mismatches(ctx.db) == []
    assert run_check(ctx.db).ok


def test_a_delivery_posts_every_line_and_points_them_at_it(shop):
    done = deliveries.receive_delivery(shop, [Line(RICE, "10"), Line("香皂", 24), Line(PASTE, 6)],
                                       source="乡镇配送", note_no="XS-1103-017", day="2026-11-02")
    assert done.number == "RK261103-01-001"
    assert (done.source, done.note_no, done.day, done.operator) == ("乡镇配送", "XS-1103-017", "2026-11-02", "刘建军")
    assert [(line.name, line.qty) for line in done.lines] == [("大米 5kg", 10), ("香皂", 24), ("牙膏", 6)]
    assert done.total == 40
    assert stock_of(shop, RICE) == (30, 30) and stock_of(shop, "香皂") == (54, 54)
    assert stock_of(shop, PASTE) == (9, 9)
    moves = shop.db.all("SELECT kind, qty, source, note FROM stock_move WHERE delivery_id = ?", (done.id,))
    assert [tuple(m) for m in moves] == [("receive", q, "乡镇配送", "XS-1103-017") for q in (10, 24, 6)]
    books_agree(shop)


def test_the_delivery_is_journaled_before_its_movements_and_audited(shop):
    done = deliveries.receive_delivery(shop, [Line(RICE, 1), Line(PASTE, 2)], source="捐赠")
    rows = shop.db.all("SELECT record_type FROM journal ORDER BY seq DESC LIMIT 3")
    assert [r[0] for r in rows] == ["stock_move", "stock_move", "delivery"]
    assert journal.gaps(shop.db.conn) == []
    audit = shop.db.one("SELECT action, target_id, after FROM audit ORDER BY seq DESC LIMIT 1")
    assert (audit["action"], audit["target_id"]) == ("stock.delivery", done.id)
    assert json.loads(audit["after"]) == {"number": done.number, "source": "捐赠", "note_no": "",
                                          "day": "2026-11-03", "lines": 2, "qty": 3}


def test_numbers_count_up_through_the_day_and_the_date_defaults_to_today(shop):
    first = deliveries.receive_delivery(shop, [Line(RICE, 1)], source="采购")
    second = deliveries.receive_delivery(shop, [Line(RICE, 1)], source="purchase")
    assert (first.number, second.number) == ("RK261103-01-001", "RK261103-01-002")
    assert first.day == second.day == "2026-11-03" and second.source == "采购"
    assert deliveries.find(shop, "rk261103-01-002") == second


def test_a_volunteer_may_receive_a_delivery(volunteer):
    done = deliveries.receive_delivery(volunteer, [Line("香皂", 5)], source="捐赠")
    assert done.operator == "张晓燕"


@pytest.mark.parametrize("qty", ["0", "-3", "2.5", "abc", "", "100001"])
def test_a_bad_quantity_refuses_the_whole_delivery_and_names_the_line(shop, qty):
    lines = [Line(RICE, 5), Line(PASTE, qty)]
    exc = refuse(shop.db, "delivery_line_qty", deliveries.receive_delivery, shop, lines, source="乡镇配送")
    assert exc.message("zh").startswith("第 2 行（牙膏）：数量")
    assert "整张入库单都没有入库" in exc.message("zh")
    assert_english(exc)


def test_an_unknown_item_refuses_the_whole_delivery_and_names_the_line(shop):
    lines = [Line(RICE, 5), Line("香皂", 2), Line("6900000000007", 3)]
    exc = refuse(shop.db, "delivery_line_unknown", deliveries.receive_delivery, shop, lines,
                 source="乡镇配送", note_no="XS-9")
    assert exc.message("zh") == ("第 3 行：找不到商品“6900000000007”。请核对条码，或先登记这件商品。"
                                 "整张入库单都没有入库。")
    assert_english(exc)


def test_an_ambiguous_name_is_named_with_its_line(shop):
    from kiosk.services.shop import products

    products.add_product(shop, name="香皂 薰衣草", price=6)
    exc = refuse(shop.db, "delivery_line_ambiguous", deliveries.receive_delivery, shop,
                 [Line("香", 1)], source="捐赠")
    assert exc.message("zh").startswith("第 1 行：“香”对应多件商品")


def test_a_delivery_dated_in_the_future_is_refused(shop):
    exc = refuse(shop.db, "date_future", deliveries.receive_delivery, shop, [Line(RICE, 5)],
                 source="乡镇配送", day="2026-11-04")
    assert exc.message("zh") == "日期 2026-11-04 还没到。"


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"source": "乡镇配送", "day": "2026-13-01"}, "date_bad"),
    ({"source": "路边捡的"}, "delivery_source_unknown"),
    ({"source": "捐赠", "note_no": "X" * 41}, "note_no_too_long"),
])
def test_other_bad_headers_are_refused(shop, kwargs, code):
    exc = refuse(shop.db, code, deliveries.receive_delivery, shop, [Line(RICE, 5)], **kwargs)
    assert_english(exc)


def test_an_empty_delivery_is_refused(shop):
    exc = refuse(shop.db, "delivery_empty", deliveries.receive_delivery, shop, [], source="捐赠")
    assert "还没有商品" in exc.message("zh")


def test_the_same_delivery_note_is_received_once(shop):
    first = deliveries.receive_delivery(shop, [Line(RICE, 5)], source="乡镇配送", note_no="XS-17",
                                        day="2026-11-01")
    exc = refuse(shop.db, "delivery_note_used", deliveries.receive_delivery, shop, [Line(RICE, 5)],
                 source="乡镇配送", note_no="XS-17")
    assert first.number in exc.message("zh") and "2026-11-01" in exc.message("zh")
    # another source's paper may carry the same number
    deliveries.receive_delivery(shop, [Line(RICE, 5)], source="采购", note_no="XS-17")


def test_a_failure_while_writing_leaves_nothing_behind(shop, monkeypatch):
    before = fingerprint(shop.db)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(journal, "record_many", broken)
    with pytest.raises(OSError):
        deliveries.receive_delivery(shop, [Line(RICE, 5), Line(PASTE, 5)], source="捐赠")
    assert fingerprint(shop.db) == before


def test_a_delivery_read_from_a_gbk_csv_with_a_title_row(shop, tmp_path):
    path = tmp_path / "送货单.csv"
    path.write_bytes("乡镇配送 11月\n条码,商品名称,数量\n6901234567892,大米,10\n,香皂,4\n".encode("gb18030"))
    lines = deliveries.lines_from_file(path)
    assert lines == [Line("6901234567892", "10", 3), Line("香皂", "4", 4)]
    done = deliveries.receive_delivery(shop, lines, source="乡镇配送")
    assert done.total == 14


def test_a_bad_row_of_an_excel_sheet_is_named_by_its_row_number(shop, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    for row in (["条码", "数量"], [RICE, 5], [PASTE, 0]):
        book.active.append(row)
    path = tmp_path / "delivery.xlsx"
    book.save(path)
    exc = refuse(shop.db, "delivery_line_qty", deliveries.receive_delivery, shop,
                 deliveries.lines_from_file(path), source="采购")
    assert exc.message("zh").startswith("第 3 行（牙膏）")


def test_a_sheet_without_the_columns_is_refused(shop, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(Refused) as info:
        deliveries.lines_from_file(path)
    assert info.value.code == "delivery_file_columns"


def test_the_receiving_note_is_an_a4_pdf_with_the_font_embedded(shop, tmp_path):
    from pypdf import PdfReader

    done = deliveries.receive_delivery(shop, [Line(RICE, 10), Line("香皂", 24)], source="乡镇配送",
                                       note_no="XS-1103-017", day="2026-11-02")
    path = deliveries.save_note(shop, done.number, tmp_path / "notes" / "note.pdf")
    reader = PdfReader(path)
    page = reader.pages[0]
    assert [round(float(v)) for v in page.mediabox[2:]] == [595, 842]
    text = page.extract_text()
    for expected in ("青石村积分超市", "入库单", done.number, "XS-1103-017", "大米 5kg", "香皂", "34"):
        assert expected in text
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert fonts and all("/FontFile2" in font["/FontDescriptor"].get_object() for font in fonts)
    assert not list(path.parent.glob(".*.tmp"))


def test_a_delivery_cannot_be_changed_or_removed_behind_the_programs_back(shop):
    import sqlite3

    done = deliveries.receive_delivery(shop, [Line(RICE, 5)], source="捐赠", note_no="JZ-3")
    for sql in ("UPDATE delivery SET note_no = 'JZ-4'", "DELETE FROM delivery",
                "UPDATE stock_move SET delivery_id = NULL WHERE delivery_id IS NOT NULL"):
        with pytest.raises(sqlite3.DatabaseError):
            shop.db.execute(sql)
    assert deliveries.find(shop, done.number) == done
