"""A long report table (the stock of thousands of goods) laid out a page at a time.

Every page starts with the column titles, every row is printed once and in order, the
total closes the last page, a rare character still gets its fallback font, and pages are
full (the cut tables are not cut again).
"""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.printing import report_pdf_tables
from kiosk.printing.report_pdf import render_pdf
from kiosk.services.reports.figures import COUNT, POINTS, Column, Report, Table
from kiosk.services.reports.period import ReportPeriod
from tests.printing.test_rare_characters_pdf import _assert_drawn_and_embedded

ROWS = 400


def _report(rows: int = ROWS, rare: str = "王𠮷祥") -> Report:
    body = tuple((f"商品{n:04d}" if n != 7 else rare, "件", n, Points(n * 50)) for n in range(rows))
    total = ("合计", None, sum(range(rows)), Points(sum(range(rows)) * 50))
    table = Table("stock", "各商品库存", (Column("商品"), Column("单位"), Column("库存", COUNT),
                                          Column("折合积分", POINTS)), body, total)
    return Report("stock", "库存", ReportPeriod.of(Period.MONTH, date(2026, 11, 1)), "青石村积分超市",
                  tables=(table,))


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_every_page_has_the_titles_and_every_row_comes_once_in_order():
    pages = _pages(render_pdf(_report()))
    assert len(pages) > 5
    assert all("折合积分" in page for page in pages)
    names = [int(n) for n in re.findall(r"商品(\d{4})", "".join(pages))]
    assert names == [n for n in range(ROWS) if n != 7]
    assert "合计" in pages[-1] and "合计" not in "".join(pages[:-1])
    assert str(sum(range(ROWS))) in pages[-1]


def test_a_rare_character_in_a_long_table_keeps_its_fallback_font():
    _assert_drawn_and_embedded(render_pdf(_report()), "王𠮷祥")


def test_pages_are_filled_as_far_as_one_table_would_fill_them(monkeypatch):
    paged = _pages(render_pdf(_report()))
    monkeypatch.setattr(report_pdf_tables, "LONG_TABLE", 10 ** 6)    # one reportlab table, as before
    whole = _pages(render_pdf(_report()))
    assert len(paged) == len(whole)
    assert [len(re.findall(r"商品\d{4}", p)) for p in paged] == [len(re.findall(r"商品\d{4}", p)) for p in whole]
