"""Price labels as printed: every barcode reads back at 203 dpi in its own position,
the text is Chinese and embedded, skipped positions stay blank, long names stay inside."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kiosk.core.barcodes import check_digit, in_store_code
from kiosk.printing.fonts import reportlab_font
from kiosk.printing.label_barcode import kind_of
from kiosk.printing.label_sheets import SHEETS, Box, page_count, placements
from kiosk.printing.label_text import fit, width, wrap
from kiosk.printing.paper import PT_PER_MM
from kiosk.printing.price_labels import Tag, render_pdf
from tests.printing.label_helpers import about, crop, inked, pages_at_203, read

LONG = "农夫山泉饮用天然水 550ml×24瓶 整箱装（夏季特价）送货上门 村委会统一采购 请勿私自拆箱零卖"


def ean13(body: str) -> str:
    return body + check_digit(body)


def codes(n: int) -> list[str]:
    """Every kind a shop meets: retail EAN-13, in-store 2…, EAN-8, UPC-A (stored as 0…)."""
    kinds = [ean13("690123456789"), in_store_code(1), "96385074", "0036000291452",
             ean13("692000000001")]
    kinds += [in_store_code(100 + i) for i in range(n)]
    return kinds[:n]


def tags(n: int, name: str | None = None) -> list[Tag]:
    names = ["大米 5kg", "香皂", "酱油", "进口燕麦片 Quaker Oats", "牙膏", "洗衣液", "挂面礼包"]
    return [Tag(code, name or names[i % len(names)], str(5 * (i + 1)), "美德积分", "件")
            for i, code in enumerate(codes(n))]


@pytest.mark.parametrize("key", ["3x8", "4x10"])
def test_every_barcode_on_a_full_sheet_reads_back_in_its_own_position(key, tmp_path):
    sheet = SHEETS[key]
    wanted = tags(sheet.per_page)
    [page] = pages_at_203(render_pdf(wanted, sheet), tmp_path)
    assert about(page.size, (210, 297))
    for position, tag in enumerate(wanted):
        assert read(crop(page, sheet.slot(position))) == [tag.code], (key, position)


def test_a_40x30_label_a_page_each_reads_back(tmp_path):
    sheet = SHEETS["40x30"]
    wanted = tags(5)
    pages = pages_at_203(render_pdf(wanted, sheet), tmp_path)
    assert len(pages) == 5
    for page, tag in zip(pages, wanted):
        assert about(page.size, (40, 30))
        assert read(page) == [tag.code]


def test_barcode_kind_follows_the_code():
    assert [kind_of(c) for c in codes(5)] == ["ean13", "ean13", "ean8", "upca", "ean13"]
    assert kind_of("6901234567890") == "code128"    # a wrong check digit is not an EAN


def test_a_code_that_is_no_ean_still_gets_a_barcode_that_reads(tmp_path):
    [page] = pages_at_203(render_pdf([Tag("T0001", "乡镇统一商品", "20", "海贝分")], SHEETS["40x30"]),
                          tmp_path)
    assert read(page) == ["T0001"]


def test_pages_are_the_size_of_the_stock():
    for key, (w, h) in {"3x8": (210, 297), "4x10": (210, 297), "40x30": (40, 30)}.items():
        box = PdfReader(io.BytesIO(render_pdf(tags(2), SHEETS[key]))).pages[0].mediabox
        assert (round(float(box.width) / PT_PER_MM, 1), round(float(box.height) / PT_PER_MM, 1)) == (w, h)


def test_text_has_the_chinese_names_prices_and_currency():
    reader = PdfReader(io.BytesIO(render_pdf(tags(7), SHEETS["3x8"])))
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("大米 5kg", "香皂", "酱油", "挂面礼包", "美德积分/件", "35", "5"):
        assert expected in text


def test_every_font_is_embedded():
    page = PdfReader(io.BytesIO(render_pdf(tags(3), SHEETS["4x10"]))).pages[0]
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_placements_start_after_the_skipped_positions():
    sheet = SHEETS["3x8"]
    spots = placements(sheet, 30, skip=5)
    assert (spots[0].page, spots[0].position) == (0, 5)
    assert (spots[18].page, spots[18].position) == (0, 23)
    assert (spots[19].page, spots[19].position) == (1, 0)
    assert page_count(sheet, 30, 5) == 2 and page_count(sheet, 19, 5) == 1
    with pytest.raises(ValueError):
        placements(sheet, 1, skip=24)


def test_skipped_positions_stay_blank_on_paper(tmp_path):
    sheet = SHEETS["3x8"]
    wanted = tags(22)
    first, second = pages_at_203(render_pdf(wanted, sheet, skip=5), tmp_path)
    for position in range(5):
        assert not inked(crop(first, sheet.slot(position))), position
    assert read(crop(first, sheet.slot(5))) == [wanted[0].code]
    assert read(crop(first, sheet.slot(23))) == [wanted[18].code]
    assert read(crop(second, sheet.slot(2))) == [wanted[21].code]
    assert not inked(crop(second, sheet.slot(3)))


def test_a_long_name_wraps_to_two_lines_within_the_label():
    font, sheet = reportlab_font(), SHEETS["40x30"]
    room = (40 - 2 * sheet.padding[0]) * PT_PER_MM
    block = fit(LONG, font, sheet.name_pt, 6.0, room, 30.0)
    assert 1 <= len(block.lines) <= 2 and block.size >= 6.0
    assert all(width(line, font, block.size) <= room for line in block.lines)
    assert block.lines[-1].endswith("…")
    short = fit("进口燕麦片 Quaker Oats 1kg 罐装", font, 12.0, 6.0, 150.0, 40.0)
    assert all(len(line) > 2 for line in short.lines)     # balanced: no lone character


def test_closing_punctuation_never_starts_a_line():
    font = reportlab_font()
    for room in range(30, 120, 3):
        for line in wrap("特价（夏季）。送货上门，整箱装。", font, 10.0, float(room))[1:]:
            assert line[0] not in "）。，", (room, line)
            assert width(line, font, 10.0) <= room


def _edges_blank(page, sheet, margin_mm: float = 0.8) -> None:
    """No ink within `margin_mm` of any label's edge: nothing ran into a neighbour."""
    for position in range(sheet.per_page):
        slot = sheet.slot(position)
        for strip in (Box(slot.x, slot.y, slot.w, margin_mm), Box(slot.x, slot.bottom - margin_mm, slot.w, margin_mm),
                      Box(slot.x, slot.y, margin_mm, slot.h), Box(slot.right - margin_mm, slot.y, margin_mm, slot.h)):
            assert not inked(crop(page, strip)), (sheet.key, position, strip)


@pytest.mark.parametrize("key", ["3x8", "4x10", "40x30"])
def test_long_names_and_prices_never_run_off_the_label(key, tmp_path):
    sheet = SHEETS[key]
    wanted = [Tag(c, LONG, "100000", "美德信用积分", "箱") for c in codes(min(sheet.per_page, 3))]
    wanted = (wanted * sheet.per_page)[:sheet.per_page]
    [page, *_] = pages_at_203(render_pdf(wanted, sheet), tmp_path)
    _edges_blank(page, sheet)
    assert read(crop(page, sheet.slot(0))) == [wanted[0].code]
    text = PdfReader(io.BytesIO(render_pdf(wanted[:1], sheet))).pages[0].extract_text()
    assert "农夫山泉" in text and "100000" in text
