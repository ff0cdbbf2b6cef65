"""Picking residents quickly: type a name, pinyin initials or a house number; tap, or take them all.

`picked` is emitted once for each resident chosen (a tap, everyone listed, a whole
household, or a scanned card); the owner decides what to do with repeats.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.services.people import residents
from kiosk.ui.manage.points_parts import button
from kiosk.ui.manage.stock_parts import line_edit

SUGGESTIONS = 40


class ResidentPicker(QWidget):
    picked = Signal(object)        # a residents.Resident
    said = Signal(str, str)        # words for the feedback bar, and their kind

    def __init__(self, session, refused) -> None:
        super().__init__()
        self.session, self.refused = session, refused
        self.listed: list[residents.Resident] = []
        self.find = line_edit("record_find", _("姓名、首字母或门牌号，如 wxm、3组"))
        self.find.textChanged.connect(self._search)
        self.find.returnPressed.connect(lambda: self.add_listed(0))
        self.suggestions = QListWidget()
        self.suggestions.setObjectName("record_suggestions")
        self.suggestions.itemClicked.connect(lambda item: self.add_listed(self.suggestions.row(item)))
        self.buttons = {key: button(text, f"record_{key}", slot) for key, text, slot in (
            ("add_all", _("列出的全部加入"), self.add_all_listed),
            ("household", _("这一户都加入"), self.add_household))}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find)
        layout.addWidget(self.suggestions, 1)
        row = QHBoxLayout()
        row.addWidget(self.buttons["add_all"])
        row.addWidget(self.buttons["household"])
        layout.addLayout(row)

    def _search(self, text: str) -> None:
        self.session.runner.run(lambda: residents.suggest(self.session.reader(), text, SUGGESTIONS),
                                self._listed, self.refused)

    def _listed(self, found: list[residents.Resident]) -> None:
        self.listed = [r for r in found if r.status == residents.ACTIVE]
        self.suggestions.clear()
        self.suggestions.addItems([f"{r.name}　{r.house_no}　{r.card_code}" for r in self.listed])

    def add_listed(self, row: int) -> None:
        if 0 <= row < len(self.listed):
            self.picked.emit(self.listed[row])

    def add_all_listed(self) -> None:
        for resident in self.listed:
            self.picked.emit(resident)
        self.said.emit(_("已加入 {count} 人").format(count=len(self.listed)), "ok")

    def add_household(self) -> None:
        row = self.suggestions.currentRow()
        if not 0 <= row < len(self.listed):
            self.said.emit(_("请先在左边点一位村民"), "warn")
            return
        household = self.listed[row].household_id
        self.session.runner.run(lambda: residents.members(self.session.reader(), household),
                                self._add_members, self.refused)

    def _add_members(self, members: list[residents.Resident]) -> None:
        active = [m for m in members if m.status == residents.ACTIVE]
        for member in active:
            self.picked.emit(member)
        self.said.emit(_("已加入这一户 {count} 人").format(count=len(active)), "ok")

    def scan(self, code: str) -> None:
        """A resident's card scanned."""
        self.session.runner.run(lambda: residents.resolve(self.session.reader(), code),
                                self.picked.emit, self.refused)
