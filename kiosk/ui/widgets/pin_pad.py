"""A big on-screen number pad for PINs; the keyboard works too."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui.theme import polish
from kiosk.ui.widgets.latin import latin_only

MAX_PIN = 8


class PinPadWidget(QWidget):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.display = QLineEdit()
        self.display.setEchoMode(QLineEdit.EchoMode.Password)
        self.display.setMaxLength(MAX_PIN)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        latin_only(self.display)
        self.display.setPlaceholderText(_("输入密码"))
        self.display.returnPressed.connect(self._submit)
        grid = QGridLayout()
        grid.setSpacing(8)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
        for index, key in enumerate(keys):
            grid.addWidget(self._key(key), index // 3, index % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.display)
        layout.addLayout(grid)
        self.setMaximumSize(520, 560)

    def _key(self, key: str) -> QPushButton:
        label = {"clear": _("清除"), "ok": _("确定")}.get(key, key)
        button = QPushButton(label)
        button.setMinimumSize(88, 72)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if key == "ok":
            polish(button, "primary")
            button.clicked.connect(self._submit)
        elif key == "clear":
            button.clicked.connect(self.clear)
        else:
            button.clicked.connect(lambda: self.press(key))
        button.setObjectName(f"pin_{key}")
        return button

    def press(self, digit: str) -> None:
        if len(self.display.text()) < MAX_PIN:
            self.display.setText(self.display.text() + digit)

    def clear(self) -> None:
        self.display.clear()

    def _submit(self) -> None:
        pin = self.display.text()
        self.display.clear()
        if pin:
            self.submitted.emit(pin)
