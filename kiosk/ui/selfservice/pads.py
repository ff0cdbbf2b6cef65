"""Touch pads for finding yourself without a keyboard: pinyin initials, house numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui.theme import polish

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
HOUSE_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "组", "0", "号"]


class TouchPad(QWidget):
    """Keys that build up a query shown above them; `changed` on every touch."""

    changed = Signal(str)

    def __init__(self, keys: list[str], columns: int, lower: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.lower = lower
        self.shown = polish(QLabel(""), "title")
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown.setObjectName("pad_text")
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, key in enumerate(keys + ["back", "clear"]):
            grid.addWidget(self._key(key), index // columns, index % columns)
        self.shown.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.shown)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _key(self, key: str) -> QPushButton:
        label = {"back": _("退格"), "clear": _("清除")}.get(key, key)
        button = polish(QPushButton(label), "key")
        button.setObjectName(f"key_{key}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _unused=False, k=key: self.press(k))
        return button

    def press(self, key: str) -> None:
        if key == "back":
            self.text = self.text[:-1]
        elif key == "clear":
            self.text = ""
        else:
            self.text += key.lower() if self.lower else key
        self.shown.setText(self.text.upper() if self.lower else self.text)
        self.changed.emit(self.text)

    def reset(self) -> None:
        self.text = ""
        self.shown.setText("")


def letters_pad() -> TouchPad:
    return TouchPad(list(LETTERS), columns=7, lower=True)


def house_pad() -> TouchPad:
    return TouchPad(HOUSE_KEYS, columns=3)
