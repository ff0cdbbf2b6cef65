"""Reports as CSV (UTF-8 with a BOM) and Excel: the same numbers, readable by Excel and WPS."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.printing.tables_out import csv_bytes, xlsx_bytes
from kiosk.services import reports
from kiosk.services.reports.figures import COUNT, POINTS, Column, Fact, Report, Table
from kiosk.services.reports.period import ReportPeriod
from tests.services.reports_scene import demo_village, goods_net, owed_before

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    ctx = demo_village(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    yield ctx
    ctx.db.close()


@pytest.fixture(scope="module")
def october(village):
    return reports.make(village, "monthly", "2026-10")


def _hundredths(value) -> int:
    """A spreadsheet number (int, float or Decimal) as hundredths, exactly."""
    return round(float(value) * 100)


def test_csv_starts_with_the_bom_and_holds_the_figures(village, october, tmp_path):
    path = reports.save(october, "csv", tmp_path / "十月.csv")
    data = path.read_bytes()
    assert data.startswith(BOM)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["2026年10月 月度汇总"]
    owed = Points(owed_before(village.db, "2026-11-01"))
    assert ["期末结余（村民未用的积分）", str(owed)] in rows
    start = rows.index(["出库商品"]) + 2
    goods = {r[0]: (int(r[4]), Points.parse(r[5]).hundredths) for r in rows[start:] if r and r[0] != "合计"}
    assert goods == goods_net(village.db, "2026-10-01", "2026-11-01")


def test_xlsx_opens_with_the_same_numbers(village, october, tmp_path):
    path = reports.save(october, "xlsx", tmp_path / "十月.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["概要", "积分收支", "加分（按类别）", "扣分（按类别）", "出库商品"]
    summary = {row[0]: row[1] for row in book["概要"].iter_rows(values_only=True) if len(row) > 1}
    owed = owed_before(village.db, "2026-11-01")
    assert _hundredths(summary["期末结余（村民未用的积分）"]) == owed
    assert summary["兑换单"] == october.fact("兑换单")
    sheet = book["出库商品"]
    assert [c.value for c in sheet[2]] == ["商品", "单位", "兑换", "退回", "净出库", "积分"]
    body = [r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] != "合计"]
    goods = {r[0]: (r[4], _hundredths(r[5])) for r in body}
    assert goods == goods_net(village.db, "2026-10-01", "2026-11-01")
    total = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "合计")
    assert _hundredths(total[5]) == sum(v[1] for v in goods.values())
    assert all(isinstance(r[5], (int, float)) for r in body)   # numbers, not text


def _tiny(rows, facts=()) -> Report:
    table = Table("t", "表", (Column("名字"), Column("件数", COUNT), Column("积分", POINTS)), tuple(rows))
    return Report("x", "测试", ReportPeriod.of(Period.MONTH, date(2026, 11, 1)), "青石村", facts, (table,))


def test_points_keep_their_hundredths_in_excel():
    book = load_workbook(io.BytesIO(xlsx_bytes(_tiny([("香皂", 3, Points.parse("12.25")),
                                                      ("退回", -1, Points.parse("-0.5"))]))))
    values = list(book["表"].iter_rows(min_row=3, values_only=True))
    assert [(v[0], v[1], _hundredths(v[2])) for v in values] == [("香皂", 3, 1225), ("退回", -1, -50)]


def test_text_that_looks_like_a_formula_stays_text():
    report = _tiny([("=HYPERLINK(\"http://x\")", 1, Points(100)), ("@SUM(A1)", 2, Points(-100))],
                   facts=(Fact("+1", 3),))
    book = load_workbook(io.BytesIO(xlsx_bytes(report)))
    cells = [r[0] for r in book["表"].iter_rows(min_row=3, values_only=True)]
    assert cells == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)"]
    assert all(c.data_type != "f" for row in book["表"].iter_rows() for c in row)
    rows = list(csv.reader(io.StringIO(csv_bytes(report).decode("utf-8-sig"))))
    assert ["'=HYPERLINK(\"http://x\")", "1", "1"] in rows and ["'@SUM(A1)", "2", "-1"] in rows
    assert ["'+1", "3"] in rows


def test_an_empty_report_still_makes_a_file_that_says_so(village, tmp_path):
    report = reports.make(village, "monthly", "2019-02")
    rows = list(csv.reader(io.StringIO(csv_bytes(report).decode("utf-8-sig"))))
    assert ["2019年2月没有任何积分记账，也没有兑换。下面的结余是从以前结转的。"] in rows
    book = load_workbook(reports.save(report, "xlsx", tmp_path / "empty.xlsx"))
    assert "没有商品出库。" in [r[0] for r in book["出库商品"].iter_rows(values_only=True)]
