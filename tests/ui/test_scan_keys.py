"""The pieces of the scanner: what a key means, how far apart two keys were, and
putting a field back as it was before a burst."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

from kiosk.ui.counter.field_snapshot import FieldSnapshot
from kiosk.ui.counter.scan_keys import KeyTimes, Kind, classify

K = Qt.Key


@pytest.mark.parametrize("key, text, keypad, expected", [
    (K.Key_Shift, "", False, (Kind.MODIFIER, "")),
    (K.Key_CapsLock, "", False, (Kind.MODIFIER, "")),
    (K.Key_NumLock, "", True, (Kind.MODIFIER, "")),
    (K.Key_J, "J", False, (Kind.CHAR, "J")),
    (K.Key_J, "j", False, (Kind.CHAR, "j")),
    (K.Key_1, "1", True, (Kind.CHAR, "1")),           # keypad, Num Lock on
    (K.Key_End, "", True, (Kind.CHAR, "1")),          # keypad, Num Lock off
    (K.Key_End, "", False, (Kind.OTHER, "")),         # the End key itself
    (K.Key_Return, "\r", False, (Kind.SUFFIX, "")),
    (K.Key_Enter, "\r", True, (Kind.SUFFIX, "")),
    (K.Key_Tab, "\t", False, (Kind.SUFFIX, "")),
    (K.Key_Backspace, "\b", False, (Kind.OTHER, "")),
    (K.Key_Space, " ", False, (Kind.OTHER, "")),
    (K.Key_A, "阿", False, (Kind.OTHER, "")),          # text an input method made
])
def test_what_a_key_means_to_a_scanner(key, text, keypad, expected):
    assert classify(key, text, keypad) == expected


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_gaps_come_from_the_event_stamps_when_there_are_any():
    clock = Clock()
    times = KeyTimes(clock)
    assert times.gap(5000) is None                     # the first key
    clock.now += 0.5                                   # handled late …
    assert times.gap(5004) == pytest.approx(0.004)     # … but pressed 4 ms after the first


def test_gaps_come_from_the_clock_without_stamps_or_when_the_stamps_jump():
    clock = Clock()
    times = KeyTimes(clock)
    times.gap(0)
    clock.now += 0.2
    assert times.gap(0) == pytest.approx(0.2)
    times.gap(4_000_000_000)
    clock.now += 0.01
    assert times.gap(5) == pytest.approx(0.01)         # the X clock wrapped: trust the clock


def test_a_line_edit_is_put_back_text_and_cursor(qtbot):
    edit = QLineEdit("wang")
    qtbot.addWidget(edit)
    edit.setCursorPosition(2)
    snapshot = FieldSnapshot.of(edit)
    QTest.keyClicks(edit, "JF000001")
    snapshot.restore()
    assert edit.text() == "wang" and edit.cursorPosition() == 2


def test_a_spin_box_a_note_and_an_editable_box_are_put_back(qtbot):
    spin, note, combo = QSpinBox(), QPlainTextEdit("门口"), QComboBox()
    combo.setEditable(True)
    combo.addItems(["包装破损", "拿错了"])
    spin.setRange(0, 99999)
    spin.setValue(3)
    for widget in (spin, note, combo):
        qtbot.addWidget(widget)
    snapshots = [FieldSnapshot.of(w) for w in (spin, note, combo)]
    QTest.keyClicks(spin, "690")
    QTest.keyClicks(note, "JF000001")
    QTest.keyClicks(combo, "JF")
    for snapshot in snapshots:
        snapshot.restore()
    assert spin.value() == 3 and note.toPlainText() == "门口"
    assert combo.currentText() == "包装破损"


def test_a_widget_that_holds_no_text_is_left_alone(qtbot):
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("确定")
    qtbot.addWidget(button)
    FieldSnapshot.of(button).restore()
    FieldSnapshot.of(None).restore()
    assert button.text() == "确定"
