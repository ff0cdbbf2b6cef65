"""Report PDFs: the Chinese figures are in the text, the font is embedded, the board is large."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kiosk.core.points import Points
from kiosk.printing.report_pdf import render_pdf
from kiosk.services import reports
from tests.printing.helpers import pdf_text
from tests.services.reports_scene import demo_village, kind_sum, owed_before


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    ctx = demo_village(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    yield ctx
    ctx.db.close()


def _sizes(data: bytes, page: int = 0) -> dict[str, float]:
    """Each piece of text on a page and the size it is drawn at."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found[text.strip()] = size * (tm[3] or 1) * (cm[3] or 1)

    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return found


def test_monthly_pdf_has_the_months_figures_in_chinese(village):
    db = village.db
    report = reports.make(village, "monthly", "2026-10")
    text = pdf_text(render_pdf(report))
    owed = Points(owed_before(db, "2026-11-01"))
    awarded = Points(kind_sum(db, "award", "2026-10-01", "2026-11-01")[1])
    for expected in ("2026年10月 月度汇总", "青石村积分超市", "期末结余", str(owed), str(awarded),
                     "加分（按类别）", "志愿服务", "出库商品", "每月加分（按类别）",
                     "兑换最多的商品", "第 1 页"):
        assert expected in text, expected
    top = report.charts[1].labels[0]
    assert top in text                                   # the chart's own labels are text too


def test_every_report_renders_with_an_embedded_font(village):
    for name, period, whom in [("daily", "2026-11-14", {}), ("ranking", "2026", {}), ("roster", "2026", {}),
                               ("statement", "2026", {"resident": "JF000001"}), ("stock", None, {}),
                               ("movements", "2026-10", {}), ("monthly", "2026", {})]:
        data = render_pdf(reports.make(village, name, period, **whom))
        reader = PdfReader(io.BytesIO(data))
        fonts = [f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()]
        assert fonts, name
        for font in fonts:
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                assert "/FontFile2" in descriptor.get_object(), (name, font["/BaseFont"])
        assert reports.make(village, name, period, **whom).title in pdf_text(data)


def test_statement_pdf_lists_the_residents_lines(village):
    report = reports.make(village, "statement", "2026", resident="JF000001")
    text = pdf_text(render_pdf(report))
    assert "积分对账单" in text and "JF000001" in text
    assert str(report.fact("期末余额")) in text
    assert report.table("statement").rows[0][3].split("（")[0] in text


def test_ranking_is_large_enough_for_a_notice_board(village):
    report = reports.make(village, "ranking", "2026")
    data = render_pdf(report)
    sizes = _sizes(data)
    first = report.table("ranking").rows[0]
    assert sizes[first[1]] >= 18 and sizes[str(first[3])] >= 18        # house number, score
    assert sizes[report.title] >= 30
    everyday = _sizes(render_pdf(reports.make(village, "monthly", "2026-10")))
    assert max(everyday.values()) < sizes[report.title]
    text = pdf_text(data)
    assert "2026年 积分排行榜" in text and first[2] in text


def test_an_empty_period_prints_a_page_that_says_so(village):
    report = reports.make(village, "monthly", "2019-03")
    text = pdf_text(render_pdf(report))
    assert "2019年3月没有任何积分记账，也没有兑换" in text
    assert len(PdfReader(io.BytesIO(render_pdf(report))).pages) == 1


def test_english_report(village, monkeypatch):
    monkeypatch.setenv("KIOSK_LANG", "en")
    text = pdf_text(render_pdf(reports.make(village, "monthly", "2026-10")))
    assert "Monthly summary, Oct 2026" in text and "Owed at the end" in text
