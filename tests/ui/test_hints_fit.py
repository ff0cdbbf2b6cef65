"""On a 1366×768 counter, with the program's own styles, a field's grey hint is read whole:
a hint cut to "密…" or "拼音首字…" tells the volunteer nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QScrollArea, QStyle, QStyleOptionFrame

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


def cut_labels(section) -> dict[str, tuple[int, int]]:
    """Words on a label that do not fit it: wider than a one-line label, or taller than a wrapping one."""
    cut = {}
    for label in section.findChildren(QLabel):
        if not label.isVisibleTo(section) or not label.text():
            continue
        need, room = ((label.heightForWidth(label.width()), label.height()) if label.wordWrap()
                      else (label.sizeHint().width(), label.width()))
        if need > room:
            cut[label.text()] = (need, room)
    return cut


def scroll_area_of(widget) -> QScrollArea:
    while not isinstance(widget, QScrollArea):
        widget = widget.parentWidget()
    return widget


BACK_OFFICE_WITH_HINTS = ("rules", "catalogue", "receiving", "labels", "notice", "corrections")


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
@pytest.mark.parametrize("key", BACK_OFFICE_WITH_HINTS)
def test_back_office_hints_and_labels_read_whole(qtbot, themed, counter, key, size):
    counter.resize(*size)
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    section = counter.open_manage(key)
    if key == "rules":
        section.pick(0)                                 # its note is longest for a chosen rule
    QApplication.processEvents()
    edits = [e for e in section.findChildren(QLineEdit) if e.isVisibleTo(section) and e.placeholderText()]
    assert edits and cut_hints(*edits) == {}
    assert cut_labels(section) == {}
    assert not scroll_area_of(section).horizontalScrollBar().isVisible()   # nothing pushed off the right edge
