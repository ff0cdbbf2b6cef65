"""One input per setting, chosen by its declaration in kiosk.config.

A choice is a drop-down with words, yes/no a big check box, a bounded number a
spin box, anything else a text field. Every field hands back text; the service
checks it (kiosk.config.Setting.check) and says plainly what is wrong.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from kiosk.config import Setting
from kiosk.i18n import _

BIG_BOX = "QCheckBox { font-size: 20px; } QCheckBox::indicator { width: 34px; height: 34px; }"
WIDEST = {"combo": 560, "spin": 220, "line": 720}


class SettingField:
    def __init__(self, setting: Setting) -> None:
        self.setting = setting
        self.widget = self._make()
        self.widget.setObjectName(f"setting_{setting.key}")

    def _make(self) -> QWidget:
        s = self.setting
        if s.choices:
            box = QComboBox()
            for value, words in s.choices:
                box.addItem(_(words), value)
            box.setMaximumWidth(WIDEST["combo"])
            return box
        if s.kind is bool:
            check = QCheckBox(_("是"))
            check.setStyleSheet(BIG_BOX)
            return check
        if s.kind is int and s.low is not None and s.high is not None:
            spin = QSpinBox()
            spin.setRange(s.low, s.high)
            spin.setMaximumWidth(WIDEST["spin"])
            return spin
        line = QLineEdit()
        line.setMaxLength(max(s.most, 1) + 20)  # a little over: the service says what is too long
        line.setMaximumWidth(WIDEST["line"])
        return line

    def text(self) -> str:
        w = self.widget
        if isinstance(w, QComboBox):
            return str(w.currentData())
        if isinstance(w, QCheckBox):
            return "1" if w.isChecked() else "0"
        if isinstance(w, QSpinBox):
            return str(w.value())
        return w.text()

    def show_value(self, value: object) -> None:
        w = self.widget
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(str(value))))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value))
        else:
            w.setText("" if value is None else str(value))


def add_rows(form: QFormLayout, settings: tuple[Setting, ...]) -> dict[str, SettingField]:
    """A labelled row per setting; returns the fields by key."""
    fields = {}
    for setting in settings:
        field = SettingField(setting)
        form.addRow(_(setting.zh), field.widget)
        fields[setting.key] = field
    return fields


def show_rows(form: QFormLayout, fields: dict[str, SettingField], visible: set[str]) -> None:
    for key, field in fields.items():
        form.setRowVisible(field.widget, key in visible)
