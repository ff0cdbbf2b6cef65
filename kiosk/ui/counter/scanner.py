"""Keyboard-wedge scanners: digits and Enter typed within milliseconds, wherever focus is.

The filter watches every key press in the application. When Enter ends a burst
(each key within MAX_GAP of the one before, at least MIN_LENGTH of them), the
whole code is announced by `scanned`, the Enter is swallowed, and the burst's
characters are taken back out of the text field that happened to have focus.
Slow typing passes through untouched.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

MAX_GAP = 0.035      # seconds between two keys of a scanner (people need ~0.1 s or more)
MIN_LENGTH = 6
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ScannerFilter(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, clock=time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self.buffer = ""
        self.last = 0.0
        self.enabled = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        focus = QApplication.focusWidget()
        if not isinstance(watched, QWidget) or (focus is not None and watched is not focus):
            return False  # one key press reaches the window, then the widget: count it once
        now = self.clock()
        quick = now - self.last <= MAX_GAP
        self.last = now
        if event.key() in _ENTER:
            return self._finish(quick)
        text = event.text()
        if text and text.isprintable() and text.isascii():
            self.buffer = self.buffer + text if quick else text
        else:
            self.buffer = ""
        return False

    def _finish(self, quick: bool) -> bool:
        code, self.buffer = self.buffer, ""
        if not (quick and len(code) >= MIN_LENGTH):
            return False
        self._take_back(code)
        self.scanned.emit(code)
        return True

    @staticmethod
    def _take_back(code: str) -> None:
        field = QApplication.focusWidget()
        if isinstance(field, QLineEdit) and field.text().endswith(code):
            field.setText(field.text()[: -len(code)])
