"""One line that says what just happened, in colour, with a beep for trouble."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.ui.theme import BAD, INFO, OK, WARN

COLOURS = {"ok": OK, "warn": WARN, "bad": BAD, "info": INFO}


class FeedbackBar(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setMinimumHeight(52)
        self.kind = "info"
        self._fade = QTimer(self, singleShot=True, interval=8000, timeout=self._quiet)

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        colour = COLOURS[kind]
        self.setStyleSheet(f"background: {colour}; color: white; font-size: 22px;"
                           " padding: 6px 14px; border-radius: 8px;")
        self.setText(text)
        if kind in ("bad", "warn"):
            QApplication.beep()
        self._fade.start()

    def _quiet(self) -> None:
        self.setStyleSheet("background: transparent; color: #5f5a50; font-size: 20px; padding: 6px 14px;")
