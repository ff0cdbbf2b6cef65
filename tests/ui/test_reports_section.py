"""The 报表 back-office section: pick, read, save; bad input said in the feedback bar."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableView

from kiosk.core.points import Points
from tests.conftest import fingerprint
from tests.services.reports_scene import earned_by_house, owed_before, play_november
from tests.ui.conftest import log_in


@pytest.fixture
def section(qtbot, counter, shop):
    play_november(shop)
    log_in(qtbot, counter, "刘建军", "2580")
    return counter.open_manage("reports")


def _tap(qtbot, section, name: str) -> None:
    button = section.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _cells(section, key: str) -> list[list[str]]:
    model = section.findChild(QTableView, f"report_table_{key}").model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_opens_on_todays_summary(section):
    assert section.report.name == "daily" and section.report.period.text == "2026-11-20"
    assert "没有任何积分记账" in section.facts.text()        # nothing happened on the 20th
    assert not section.findChild(QPushButton, "report_period_month").isEnabled()


def test_monthly_figures_on_screen_match_the_ledger(qtbot, section, shop):
    _tap(qtbot, section, "report_monthly")
    assert section.report.period.text == "2026-11"
    tabs = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert tabs == ["积分收支", "加分（按类别）", "扣分（按类别）", "出库商品"]
    balance = _cells(section, "balance")
    assert balance[-1] == ["期末结余", "", str(Points(owed_before(shop.db, "2026-12-01")))]
    assert "期末结余" in section.facts.text() and "19" in section.facts.text()


def test_ranking_shows_the_households(qtbot, section, shop):
    _tap(qtbot, section, "report_ranking")
    _tap(qtbot, section, "report_period_year")
    rows = _cells(section, "ranking")
    raw = earned_by_house(shop.db, "2026-01-01", "2027-01-01")
    assert {r[1]: Points.parse(r[3]).hundredths for r in rows} == raw
    assert rows[0][:3] == ["1", "3组12号", "王**"]


def test_typed_day_and_a_scanned_card(qtbot, section):
    section.period.setText("2026-11-04")
    _tap(qtbot, section, "report_show")
    assert section.report.title == "2026年11月4日 日结"
    section.on_scan("JF000004")                               # 张桂兰's card
    assert section.report.name == "statement" and "张桂兰" in section.report.title
    assert section.whom.isVisible()
    assert any("志愿服务" in row[3] for row in _cells(section, "statement"))


def test_bad_input_is_said_plainly_and_changes_nothing(qtbot, section, shop):
    before = fingerprint(shop.db)
    shown = section.report
    section.period.setText("2030")
    _tap(qtbot, section, "report_show")
    assert "还没到" in section.feedback.text() and section.feedback.kind == "bad"
    section.period.setText("十一月")
    _tap(qtbot, section, "report_show")
    assert "看不懂" in section.feedback.text()
    _tap(qtbot, section, "report_statement")
    assert "请输入村民卡号" in section.facts.text()
    assert not section.save_buttons["pdf"].isEnabled()
    section.whom.setText("赵无此人")
    _tap(qtbot, section, "report_show")
    assert "找不到村民“赵无此人”" in section.feedback.text()
    assert fingerprint(shop.db) == before and shown is not None


def test_save_as_pdf_excel_and_csv(qtbot, section, shop, tmp_path):
    _tap(qtbot, section, "report_monthly")
    owed = str(Points(owed_before(shop.db, "2026-12-01")))
    section.save("pdf", tmp_path / "月报.pdf")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "月报.pdf").pages)
    assert "2026年11月 月度汇总" in text and owed in text
    section.save("xlsx", tmp_path / "月报.xlsx")
    summary = {r[0]: r[1] for r in load_workbook(tmp_path / "月报.xlsx")["概要"].iter_rows(values_only=True)}
    assert round(float(summary["期末结余（村民未用的积分）"]) * 100) == owed_before(shop.db, "2026-12-01")
    section.save("csv", tmp_path / "月报.csv")
    assert (tmp_path / "月报.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "已存为" in section.feedback.text() and section.feedback.kind == "ok"


def test_the_save_buttons_ask_where_then_save(qtbot, section, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(section, "ask_path", lambda kind, suggested: asked.append(suggested) or
                        str(tmp_path / f"r.{kind}"))
    _tap(qtbot, section, "report_ranking")
    _tap(qtbot, section, "report_save_pdf")
    assert asked[0].name.endswith(".pdf") and "积分排行榜" in asked[0].name
    assert PdfReader(io.BytesIO((tmp_path / "r.pdf").read_bytes())).pages


def test_a_folder_that_cannot_be_written(qtbot, section, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    section.save("pdf", blocker / "r.pdf")
    assert "没有存下来" in section.feedback.text() and section.feedback.kind == "bad"
