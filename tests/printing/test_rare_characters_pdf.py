"""Rare characters (𠮷 in Ext-B, 䶮 in Ext-A, 堃, 喆) in every PDF: drawn from a font that
has them, embedded, and read back as the same text (receipts, cards, labels, reports)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.printing import cards, fonts, price_labels, receipt_pdf, report_pdf
from kiosk.printing.fonts import REPORTLAB_NAME, fallback_faces, main_face
from kiosk.printing.glyph_runs import markup, runs
from kiosk.printing.label_sheets import SHEETS
from kiosk.printing.pdf_text import text_width
from kiosk.services.reports.figures import TEXT, Chart, Column, Fact, Report, Table
from kiosk.services.reports.period import ReportPeriod
from tests.printing import receipts
from tests.printing.helpers import pdf_text

RARE = "王𠮷祥"                 # U+20BB7, Ext-B: not in WenQuanYi Micro Hei
EXT_A = "刘䶮"                  # U+4DAE, Ext-A
OTHERS = "李堃 张喆"


def _squeezed(data: bytes) -> str:
    return "".join(pdf_text(data).split())


def _embedded_fonts(data: bytes) -> dict[str, bool]:
    """Base font name → whether its outlines are in the file (FontFile2)."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].get_object().values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            found[str(font["/BaseFont"]).split("+")[-1]] = (
                descriptor is not None and "/FontFile2" in descriptor.get_object())
    return found


def _font_with(ch: str) -> str:
    """The PostScript name of the fallback font that draws ch."""
    face = next(face for face in fallback_faces() if ord(ch) in face.chars)
    name = pdfmetrics.getFont(face.name).face.name
    return name.decode() if isinstance(name, bytes) else name


def _assert_drawn_and_embedded(data: bytes, *texts: str) -> None:
    text = _squeezed(data)
    for wanted in texts:
        assert "".join(wanted.split()) in text, (wanted, text)
    fonts = _embedded_fonts(data)
    for ch in ("𠮷", "䶮"):
        if any(ch in t for t in texts):
            assert fonts.get(_font_with(ch)) is True, fonts


def test_the_main_font_lacks_the_rare_ones_and_a_fallback_has_them():
    main = main_face()
    assert ord("𠮷") not in main.chars and ord("䶮") not in main.chars
    assert ord("王") in main.chars
    assert any(ord("𠮷") in face.chars for face in fallback_faces())
    assert any(ord("䶮") in face.chars for face in fallback_faces())


def test_runs_split_by_the_font_that_has_each_character():
    found = runs("王𠮷祥 ok")
    assert [text for _name, text in found] == ["王", "𠮷", "祥 ok"]
    assert found[0][0] == found[2][0] == REPORTLAB_NAME and found[1][0] != REPORTLAB_NAME
    assert runs("王小明") == [(REPORTLAB_NAME, "王小明")]
    assert markup("A&B 𠮷") == f'A&amp;B <font name="{found[1][0]}">𠮷</font>'


def test_width_counts_the_fallback_glyph():
    assert text_width("王𠮷祥", 10) == pytest.approx(text_width("王吉祥", 10), abs=2)
    assert text_width("王𠮷祥", 10) > text_width("王祥", 10) + 5


@pytest.mark.parametrize("width_mm", [58, 80])
def test_receipt_pdf_prints_rare_names_of_people_and_goods(width_mm):
    lines = (receipts._line(f"{EXT_A}牌香皂", 1, "3"), receipts._line(receipts.RICE, 1, "50"))
    data = receipt_pdf.render_pdf(receipts.sale(resident=RARE, household=OTHERS, lines=lines,
                                                total=Points.parse("53")), width_mm)
    _assert_drawn_and_embedded(data, RARE, f"{EXT_A}牌香皂", OTHERS, receipts.SHOP)


def test_card_sheet_prints_a_rare_name():
    data = cards.render_cards([cards.CardFace("青石村", "美德积分卡", RARE, "3组12号", "JF000287"),
                               cards.CardFace("青石村", "美德积分卡", EXT_A, "3组13号", "JF000288")])
    _assert_drawn_and_embedded(data, RARE, EXT_A, "JF000287")


def test_price_label_prints_a_rare_product_name():
    tag = price_labels.Tag("20000012", f"{RARE}大米 5kg", "50", "美德积分", "袋")
    data = price_labels.render_pdf([tag], SHEETS["40x30"])
    _assert_drawn_and_embedded(data, f"{RARE}大米")


def test_report_pdf_prints_rare_names_in_tables_facts_and_notes():
    table = Table("ranking", "积分排行", (Column("姓名", TEXT), Column("门牌号", TEXT)),
                  ((RARE, "3组12号"), (EXT_A, "3组13号"), ("王小明", "3组14号")))
    report = Report("ranking", "积分排行", ReportPeriod.of(Period.MONTH, date(2026, 11, 1)),
                    subtitle="青石村 · 2026年11月", facts=(Fact("第一名", RARE),), tables=(table,),
                    notes=(f"{OTHERS}并列第三。",))
    _assert_drawn_and_embedded(report_pdf.render_pdf(report), RARE, EXT_A, OTHERS)


def test_the_bundles_fallback_folder_comes_before_the_systems_fonts(monkeypatch, tmp_path):
    folder = tmp_path / "assets" / "fonts" / "fallback"
    folder.mkdir(parents=True)
    (folder / "HanaMinA-kiosk.ttf").write_bytes(b"not read here")
    (folder / "hanazono-LICENSE.txt").write_text("license")
    monkeypatch.setattr("kiosk.paths.assets_dir", lambda: tmp_path / "assets")
    found = [font.path for font in fonts.fallback_candidates()]
    assert found[0] == folder / "HanaMinA-kiosk.ttf" and len(found) == len(set(found))
    assert all(path.suffix in (".ttf", ".ttc") for path in found)
    assert folder / "HanaMinA-kiosk.ttf" not in [font.path for font in fonts.candidates()]


@pytest.mark.parametrize("module", ["notice_pdf", "stock_pdf"])
def test_page_footers_draw_rare_names(module):
    from reportlab.platypus import Spacer

    from kiosk.printing import notice_pdf, stock_pdf

    build = {"notice_pdf": notice_pdf._build, "stock_pdf": stock_pdf._render}[module]
    _assert_drawn_and_embedded(build("公示", [Spacer(10, 10)], f"青石村 · {RARE}"), RARE)


def test_a_fallback_font_is_read_only_when_a_character_needs_it(monkeypatch):
    monkeypatch.setattr(fonts, "_fallbacks", fonts._Fallbacks())
    assert runs("王小明 青石村") == [(REPORTLAB_NAME, "王小明 青石村")]
    assert fonts._fallbacks.faces == []
    runs("王𠮷祥")
    assert len(fonts._fallbacks.faces) == 1 and ord("𠮷") in fonts._fallbacks.faces[0].chars


def test_a_ranking_chart_labels_rare_names():
    chart = Chart("bars", f"兑换最多的村民（{RARE}第一）", (RARE, "王小明", EXT_A), (("积分", (30.0, 20.0, 10.0)),))
    report = Report("ranking", "积分排行", ReportPeriod.of(Period.MONTH, date(2026, 11, 1)), charts=(chart,))
    data = report_pdf.render_pdf(report)
    _assert_drawn_and_embedded(data, RARE, EXT_A, "王小明")
    assert _squeezed(data).count(RARE) >= 2         # the title and the bar's label
