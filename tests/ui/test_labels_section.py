"""价签 in the back office: scan goods in, pick a range, save the PDF, open it to print."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QDate, Qt

from kiosk.services.shop.labels import sheet_for
from kiosk.ui.manage.labels_section import LabelsSection
from tests.conftest import fingerprint
from tests.printing.label_helpers import crop, pages_at_203, read, read_only_folder
from tests.ui.conftest import log_in, scan

RICE, TOOTHPASTE = "6901234567892", "6920000000012"


@pytest.fixture
def read_only(tmp_path, monkeypatch):
    return read_only_folder(tmp_path, monkeypatch)


@pytest.fixture
def section(qtbot, counter) -> LabelsSection:
    log_in(qtbot, counter, "刘建军", "2580")
    return counter.open_manage("labels")


def _listed(section) -> list[tuple[str, int]]:
    return [(line.name, line.copies) for line in section.model.lines]


def test_scanned_goods_are_listed_and_counted(qtbot, counter, section):
    scan(qtbot, counter, RICE)
    section.on_scan(RICE)
    section.copies.setValue(3)
    section.add("香皂")
    assert _listed(section) == [("大米 5kg", 2), ("香皂", 3)]
    assert section.feedback.kind == "ok"
    section.table.selectRow(1)
    qtbot.mouseClick(section.buttons["more"], Qt.MouseButton.LeftButton)
    assert _listed(section)[1] == ("香皂", 4)
    qtbot.mouseClick(section.buttons["remove"], Qt.MouseButton.LeftButton)
    assert _listed(section) == [("大米 5kg", 2)]


def test_typed_name_and_enter_adds_it(qtbot, section):
    qtbot.keyClicks(section.query, "yg")     # pinyin initials of 牙膏
    qtbot.keyClick(section.query, Qt.Key.Key_Return)
    assert _listed(section) == [("牙膏", 1)] and section.query.text() == ""


def test_save_the_list_on_a_partly_used_sheet_and_open_it(section, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(LabelsSection, "open_file", staticmethod(opened.append))
    section.on_scan(RICE)
    section.options.sheet.setCurrentIndex(section.options.sheet.findData("3x8"))
    section.options.skip.setValue(23)
    monkeypatch.setattr(LabelsSection, "ask_path", classmethod(lambda cls, parent, suggested: str(tmp_path / "a.pdf")))
    section.buttons["make"].click()
    assert section.feedback.kind == "ok", section.feedback.text()
    assert "1 张价签" in section.feedback.text()
    [page] = pages_at_203((tmp_path / "a.pdf").read_bytes(), tmp_path)
    assert read(crop(page, sheet_for("3x8").slot(23))) == [RICE]
    section.buttons["open"].click()
    assert opened == [tmp_path / "a.pdf"]


def test_all_goods_on_the_label_printer(section, tmp_path):
    section.options.choose_scope("all")
    section.options.sheet.setCurrentIndex(section.options.sheet.findData("40x30"))
    assert not section.options.skip.isEnabled()
    section.copies.setValue(2)
    section.save_pdf(tmp_path / "roll.pdf")
    assert "6 张价签，6 页" in section.feedback.text()


def test_a_category_from_the_shops_list(section, tmp_path):
    assert [section.options.category.itemText(i) for i in range(section.options.category.count())] == ["日用"]
    section.options.choose_scope("category")
    section.save_pdf(tmp_path / "c.pdf")
    assert "3 张价签" in section.feedback.text()


def test_nothing_repriced_since_the_day_says_so(section, shop, tmp_path):
    section.options.choose_scope("changed")
    section.options.since.setDate(QDate(2026, 11, 1))
    before = fingerprint(shop.db)
    section.save_pdf(tmp_path / "p.pdf")
    assert section.feedback.kind == "bad"
    assert "2026-11-01 以来没有商品改过价格" in section.feedback.text()
    assert fingerprint(shop.db) == before and not (tmp_path / "p.pdf").exists()


def test_bad_input_is_said_in_plain_words(section, shop, tmp_path, read_only):
    before = fingerprint(shop.db)
    section.save_pdf(tmp_path / "empty.pdf")
    assert "还没有选要打价签的商品" in section.feedback.text()
    section.add("酸菜鱼")
    assert section.feedback.kind == "bad" and "找不到商品“酸菜鱼”" in section.feedback.text()
    section.add(RICE)
    section.save_pdf(read_only / "价签.pdf")
    assert "写不进去" in section.feedback.text() and list(read_only.iterdir()) == []
    assert not section.buttons["open"].isEnabled()
    assert fingerprint(shop.db) == before


def test_copies_cannot_go_past_the_limits(section):
    section.on_scan(RICE)
    section.table.selectRow(0)
    section.buttons["fewer"].click()
    assert _listed(section) == [("大米 5kg", 1)]
    assert section.copies.maximum() == 1000 and section.copies.minimum() == 1


def test_fits_the_counter_screen(section, counter, tmp_path):
    section.on_scan(RICE)
    section.add("香皂")
    assert counter.width() <= 1366 and counter.height() <= 768
    for widget in (section.buttons["make"], section.buttons["open"], section.table, section.options):
        assert widget.isVisible()
        corner = widget.mapTo(counter, widget.rect().bottomRight())
        assert corner.x() <= counter.width() and corner.y() <= counter.height(), widget.objectName()
    if os.environ.get("KIOSK_SHOTS"):
        counter.grab().save(os.path.join(os.environ["KIOSK_SHOTS"], "labels-1366x768.png"))
