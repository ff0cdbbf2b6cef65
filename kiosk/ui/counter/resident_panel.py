"""Finding the resident: card scan, name, pinyin initials or house number, with suggestions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.i18n import _, _p, word
from kiosk.messages.values import RELATION_WORDS
from kiosk.services.people import residents
from kiosk.services.points.balances import Standing
from kiosk.ui.theme import BAD, polish, show_balance
from kiosk.ui.widgets.latin import latin_only

SUGGEST_DELAY_MS = 120


class ResidentPanel(QWidget):
    picked = Signal(object)  # residents.Resident

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.search = QLineEdit()
        self.search.setObjectName("resident_search")
        self.search.setPlaceholderText(_("刷卡 / 姓名 / 首字母 / 门牌号"))
        latin_only(self.search)   # card codes and pinyin initials are Latin: no input method
        self.suggestions = QListWidget()
        self.suggestions.setObjectName("resident_suggestions")
        self.suggestions.itemClicked.connect(self._clicked)
        self.name = polish(QLabel(_("还没有选村民")), "title")
        self.household = polish(QLabel(""), "muted")
        self.balance = polish(QLabel(""), "big")
        self.grade = QLabel("")
        self.hold = QLabel("")
        self.hold.setStyleSheet(f"color: {BAD}; font-weight: bold;")
        self.hold.setWordWrap(True)
        self.household.setWordWrap(True)
        self._timer = QTimer(self, singleShot=True, interval=SUGGEST_DELAY_MS, timeout=self._suggest)
        self.search.textEdited.connect(lambda _unused: self._timer.start())
        self.search.returnPressed.connect(self._suggest)
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.suggestions, 2)
        for widget in (self.name, self.household, self.balance, self.grade, self.hold):
            layout.addWidget(widget)
        layout.addStretch(1)

    def _suggest(self) -> None:
        text = self.search.text()
        self.session.runner.run(lambda: residents.suggest(self.session.reader(), text), self._show)

    def _show(self, found: list[residents.Resident]) -> None:
        self.suggestions.clear()
        for resident in found:
            item = QListWidgetItem(f"{resident.name}  {resident.house_no}  {resident.card_code}")
            item.setData(Qt.ItemDataRole.UserRole, resident)
            self.suggestions.addItem(item)
        if len(found) == 1 and self.search.text().strip().upper() == found[0].card_code.upper():
            self.picked.emit(found[0])

    def _clicked(self, item: QListWidgetItem) -> None:
        self.picked.emit(item.data(Qt.ItemDataRole.UserRole))

    def show_standing(self, st: Standing) -> None:
        r = st.resident
        relation = word(RELATION_WORDS, r.relation) if r.relation else _("户员")
        self.name.setText(_("{name}（{relation}）").format(name=r.name, relation=relation))
        members = "、".join(m.name for m in st.members)
        self.household.setText(_("{house_no} · 卡号 {card_code}\n户成员：{members}").format(house_no=r.house_no, card_code=r.card_code, members=members))
        self.balance.setText(f"{st.balance} {_('分')}")
        show_balance(self.balance, st.balance)
        self.grade.setText(_("信用等次 {grade} · 今年得分 {year_score}").format(grade=st.grade, year_score=st.year_score))
        self.hold.setText(_p("resident_panel", "账户已冻结：{hold}").format(hold=st.hold) if st.hold else "")
        self.suggestions.clear()
        self.search.clear()

    def clear(self) -> None:
        self.search.clear()
        self.suggestions.clear()
        self.name.setText(_("还没有选村民"))
        for label in (self.household, self.balance, self.grade, self.hold):
            label.setText("")
