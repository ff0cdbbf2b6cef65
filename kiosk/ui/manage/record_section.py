"""记分 (back office): points for one resident, or for everyone at an activity at once.

Pick the rule, then the people: type a name, pinyin initials or a house number and
tap (or add everyone listed, or a whole household), or scan their cards. Each person
has their own hours (or times). Everything is recorded together or not at all.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.errors import Refused
from kiosk.core.quantity import Measure
from kiosk.core.rules import points_for
from kiosk.i18n import _, _p
from kiosk.services.people import residents
from kiosk.services.points import activity, rules
from kiosk.ui.manage.points_parts import QTY_WORDS, button, refusal_shower, rule_label
from kiosk.ui.manage.resident_picker import ResidentPicker
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets import file_dialogs
from kiosk.ui.widgets.feedback_bar import FeedbackBar


class RecordSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.rules: list = []
        self.people: list[list] = []          # [Resident, qty text], in the order picked
        self.photo: str | None = None
        self.rule = QComboBox()
        self.rule.setObjectName("record_rule")
        self.rule.currentIndexChanged.connect(lambda _unused: self._show_people())
        self.day = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.day.setObjectName("record_day")
        self.qty = line_edit("record_qty", "1", 110)
        self.qty_label = QLabel("")
        self.note = line_edit("record_note", _("备注，如：3组村道清扫"))
        self.photo_label = polish(QLabel(_("没有照片")), "muted")
        self.model = RowsTableModel([_("村民"), _p("record_section", "门牌号"), _("数量"),
                                     _("约得分")], right_from=2)
        self.table = table_view(self.model, "record_people")
        self.total = polish(QLabel(""), "title")
        self.feedback = FeedbackBar()
        self.refused = refusal_shower(self.feedback)
        self.picker = ResidentPicker(session, self.refused)
        self.picker.picked.connect(self.add)
        self.picker.said.connect(self.feedback.show_message)
        self.find = self.picker.find
        self.buttons = {key: button(text, f"record_{key}", slot, role) for key, text, slot, role in (
            ("photo", _("选照片…"), self.choose_photo, ""),
            ("no_photo", _("去掉照片"), lambda: self.set_photo(None), "quiet"),
            ("plus", "＋1", lambda: self._step(1), ""), ("minus", "－1", lambda: self._step(-1), ""),
            ("remove", _("去掉"), lambda: self._step(None), "quiet"),
            ("clear", _("全部清空"), self.reset, "quiet"),
            ("record", _("记分"), self.record, "primary"))}
        self.buttons.update(self.picker.buttons)
        self._lay_out()

    def _lay_out(self) -> None:
        head, more = QHBoxLayout(), QHBoxLayout()
        head.addWidget(QLabel(_("积分标准")))
        head.addWidget(self.rule, 1)
        head.addWidget(QLabel(_("日期")))
        head.addWidget(self.day)
        more.addWidget(self.qty_label)
        more.addWidget(self.qty)
        more.addWidget(self.note, 1)
        for widget in (self.buttons["photo"], self.photo_label, self.buttons["no_photo"]):
            more.addWidget(widget)
        chosen = QVBoxLayout()
        chosen.addWidget(self.table, 1)
        row = QHBoxLayout()
        for key in ("plus", "minus", "remove", "clear"):
            row.addWidget(self.buttons[key])
        chosen.addLayout(row)
        middle = QHBoxLayout()
        middle.addWidget(self.picker, 2)
        middle.addLayout(chosen, 3)
        act = QHBoxLayout()
        act.addWidget(self.feedback, 3)
        act.addWidget(self.total)
        act.addWidget(self.buttons["record"], 1)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("记分：给一位村民，或一次活动的所有人")), "title"))
        layout.addLayout(head)
        layout.addLayout(more)
        layout.addLayout(middle, 1)
        layout.addLayout(act)

    def load(self) -> None:
        today = self.session.clock.now().date()
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        if not self.people:
            self.day.setDate(QDate(today.year, today.month, today.day))
        self.session.runner.run(lambda: rules.list_rules(self.session.reader()), self._show_rules, self.refused)
        self.find.setFocus()

    def _show_rules(self, found) -> None:
        chosen = self.chosen_rule()
        self.rules = found
        self.rule.blockSignals(True)
        self.rule.clear()
        for rule in found:
            self.rule.addItem(rule_label(rule), rule.code)
        index = self.rule.findData(chosen.code) if chosen else -1
        self.rule.setCurrentIndex(max(0, index))
        self.rule.blockSignals(False)
        self._show_people()

    def chosen_rule(self):
        code = self.rule.currentData()
        return next((r for r in self.rules if r.code == code), None)

    def choose_rule(self, code: str) -> None:
        self.rule.setCurrentIndex(max(0, self.rule.findData(code)))

    # --- the people picked ---------------------------------------------------
    def add_listed(self, row: int) -> None:
        self.picker.add_listed(row)

    def on_scan(self, code: str) -> None:
        """A resident's card scanned: add them."""
        self.picker.scan(code)

    def add(self, resident: residents.Resident) -> None:
        if any(p[0].id == resident.id for p in self.people):
            self.feedback.show_message(_("{name}已经在名单里了").format(name=resident.name), "warn")
            return
        self.people.append([resident, self.qty.text().strip() or "1"])
        self._show_people(len(self.people) - 1)
        self.feedback.show_message(_("已加入：{name}").format(name=resident.name), "ok")

    def _step(self, step: int | None) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else len(self.people) - 1
        if not 0 <= row < len(self.people):
            return
        if step is None:
            del self.people[row]
            row = min(row, len(self.people) - 1)
        else:
            qty = _measure(self.people[row][1])
            whole = max(1, (qty.hundredths if qty else 100) // 100 + step)
            self.people[row][1] = str(Measure(whole * 100))
        self._show_people(row)

    def _show_people(self, select: int | None = None) -> None:
        rule = self.chosen_rule()
        self.qty_label.setText(_("每人{value}").format(value=_(QTY_WORDS[rule.shape.value]))
                               if rule else _("每人数量"))
        self.model.set_rows([[r.name, r.house_no, qty, _about(rule, qty)] for r, qty in self.people])
        if select is not None and 0 <= select < len(self.people):
            self.table.selectRow(select)
        self.total.setText(_("共 {count} 人").format(count=len(self.people)))
        self.buttons["record"].setEnabled(bool(self.people) and rule is not None)

    # --- the photo and recording ---------------------------------------------
    @classmethod
    def ask_photo(cls, parent) -> str:
        """The photo file the manager picks (tests replace this)."""
        path = file_dialogs.open_file(parent, _("选活动照片"), file_dialogs.filters(file_dialogs.PICTURES))
        return path

    def choose_photo(self) -> None:
        path = self.ask_photo(self)
        if path:
            self.set_photo(path)

    def set_photo(self, path: str | None) -> None:
        self.photo = path
        self.photo_label.setText(path.replace("\\", "/").rsplit("/", 1)[-1] if path else _("没有照片"))

    def record(self) -> None:
        rule = self.chosen_rule()
        if rule is None or not self.people:
            self.feedback.show_message(_("请先选积分标准和村民"), "warn")
            return
        people = [(r.card_code, qty) for r, qty in self.people]
        note, photo, day = self.note.text(), self.photo, self.day.date().toString("yyyy-MM-dd")
        self.session.runner.run(
            lambda: activity.record(self.session.context(), rule.code, people, note, photo, day),
            self._recorded, self.refused)

    def _recorded(self, done: activity.Activity) -> None:
        self.reset()
        words = (_("已记分：{rule}，{count} 人，共 {value} 分").format(rule=done.rule, count=len(done.awards), value=done.total.signed())
                 if done.status == "posted" else
                 _("已提交申报：{rule}，{count} 人，等管理员审核").format(rule=done.rule, count=len(done.awards)))
        self.feedback.show_message(words, "ok")

    def reset(self) -> None:
        self.people = []
        self.note.clear()
        self.set_photo(None)
        self._show_people()


def _measure(text: str) -> Measure | None:
    try:
        return Measure.parse(text)
    except Refused:
        return None


def _about(rule, qty: str) -> str:
    """The points one line earns, as a preview (a repeated deduction may double)."""
    measure = _measure(qty)
    if rule is None or measure is None:
        return "?"
    try:
        return points_for(rule, measure).signed()
    except Refused:
        return "?"
