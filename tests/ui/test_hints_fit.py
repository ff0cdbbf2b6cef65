"""On a 1366×768 counter, with the program's own styles, a field's grey hint is read whole:
a hint cut to "密…" or "拼音首字…" tells the volunteer nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit, QStyle, QStyleOptionFrame

from tests.conftest import MANAGER_PIN
from tests.ui.conftest import log_in


def hint_room(edit: QLineEdit) -> tuple[int, int]:
    """(the hint's width, the room for text inside the field), in pixels."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    inside = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = inside.width() - margins.left() - margins.right() - 4     # QLineEdit keeps 2 px each side
    return edit.fontMetrics().horizontalAdvance(edit.placeholderText()), room


def cut_hints(*edits: QLineEdit) -> dict[str, tuple[int, int]]:
    QApplication.processEvents()
    sizes = {edit.objectName() or edit.placeholderText(): hint_room(edit) for edit in edits}
    return {name: (need, room) for name, (need, room) in sizes.items() if need > room}


def test_adding_an_operator_shows_each_hint_whole(qtbot, themed, counter):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    section = counter.open_manage("operators")
    assert cut_hints(section.name, section.pin, section.resident, section.new_pin, section.link_to) == {}


def test_the_counters_resident_search_shows_its_hint_whole(qtbot, themed, counter):
    log_in(qtbot, counter, "张晓燕", "4826")
    search = counter.exchange.residents.search
    assert "门牌号" in search.placeholderText()         # that a house number finds people too
    assert cut_hints(search) == {}


def test_the_claim_window_shows_each_hint_whole(qtbot, themed, counter):
    log_in(qtbot, counter, "张晓燕", "4826")
    dialog = counter.open_claim()
    assert cut_hints(dialog.resident, dialog.qty, dialog.day, dialog.note) == {}


def test_the_refund_window_shows_its_receipt_hint_whole(qtbot, themed, counter):
    log_in(qtbot, counter, "张晓燕", "4826")
    dialog = counter.open_refund("")
    assert cut_hints(dialog.receipt) == {}


def test_the_audit_trails_filters_show_each_hint_whole(qtbot, themed, counter):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    section = counter.open_manage("audit")
    assert cut_hints(*section.fields.values()) == {}


def test_recording_points_shows_the_residents_search_hint_whole(qtbot, themed, counter):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    section = counter.open_manage("record")
    assert cut_hints(section.picker.find) == {}
