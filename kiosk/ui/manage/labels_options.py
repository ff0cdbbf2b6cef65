"""The right-hand side of 价签: which goods (the list, all, a category, repriced since a
day), which label stock, how many positions of the first sheet are used already."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import N_, _
from kiosk.services.shop import labels
from kiosk.ui.theme import TOUCH_MIN, polish

SCOPES = (("list", N_("左边列表里的商品")),
          ("all", N_("全部在售商品", "labels_options")),
          ("category", N_("一个分类：")),
          ("changed", N_("改过价的商品，从：")))


@dataclass(frozen=True)
class Choice:
    scope: str              # one of SCOPES
    category: str
    since: str              # yyyy-mm-dd
    sheet: str
    skip: int


class LabelOptions(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.scopes = QButtonGroup(self)
        self.buttons = {key: QRadioButton(_(words)) for key, words in SCOPES}
        self.category = QComboBox()
        self.since = QDateEdit(QDate(date.today() - timedelta(days=7)))
        self.sheet = QComboBox()
        self.skip = QSpinBox()
        self._build()
        self._lay_out()

    def _build(self) -> None:
        self.setStyleSheet(f"QRadioButton {{ min-height: {TOUCH_MIN - 12}px; }}"
                           " QRadioButton::indicator { width: 26px; height: 26px; }"
                           f" QDateEdit {{ min-height: {TOUCH_MIN - 8}px; font-size: 20px; }}")
        for key, button in self.buttons.items():
            button.setObjectName(f"scope_{key}")
            self.scopes.addButton(button)
        self.buttons["list"].setChecked(True)
        self.category.setObjectName("labels_category")
        self.since.setObjectName("labels_since")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setMaximumDate(QDate.currentDate())
        for key, sheet in labels.SHEETS.items():
            self.sheet.addItem(_(sheet.zh), key)
        self.sheet.setObjectName("labels_sheet")
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.skip.setObjectName("labels_skip")
        self._sheet_changed()

    def _lay_out(self) -> None:
        scopes = QGridLayout()
        for row, (key, *_words) in enumerate(SCOPES):
            scopes.addWidget(self.buttons[key], row, 0)
        scopes.addWidget(self.category, 2, 1)
        scopes.addWidget(self.since, 3, 1)
        form = QFormLayout()
        form.addRow(_("标签纸"), self.sheet)
        form.addRow(_("跳过已用的位置"), self.skip)
        hint = polish(QLabel(_("位置从左上角数起，一行一行往右数。打印时请选“实际大小”，不要缩放。")), "muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(polish(QLabel(_("打哪些商品")), "title"))
        layout.addLayout(scopes)
        layout.addWidget(polish(QLabel(_("打在哪里")), "title"))
        layout.addLayout(form)
        layout.addWidget(hint)

    def _sheet_changed(self) -> None:
        per_page = labels.SHEETS[self.sheet.currentData()].per_page
        self.skip.setRange(0, per_page - 1)
        self.skip.setEnabled(per_page > 1)

    def set_categories(self, names: list[str]) -> None:
        current = self.category.currentText()
        self.category.clear()
        self.category.addItems(names)
        if current in names:
            self.category.setCurrentText(current)

    def choose_scope(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def choice(self) -> Choice:
        scope = next(key for key, button in self.buttons.items() if button.isChecked())
        return Choice(scope, self.category.currentText(), self.since.date().toString("yyyy-MM-dd"),
                      self.sheet.currentData(), self.skip.value())
