"""更正 (back office): revoke an award, deduction or adjustment by its reversal, or adjust a
balance, always with a reason. Nothing is edited in place: both post new entries."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import _, _p
from kiosk.services.points import awards, corrections
from kiosk.ui.manage.points_parts import button, refusal_shower
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar


class CorrectionsSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.lines: list[corrections.EntryLine] = []
        self.model = RowsTableModel([_p("corrections_section", "日期"), _("村民"), _p("corrections_section", "门牌号"),
                                     _("内容"), _("积分"), _p("corrections_section#2", "操作员"),
                                     _("状态")], right_from=4)
        self.table = table_view(self.model, "corrections_table", stretch=3)
        self.reason = line_edit("corrections_reason", _("原因（必填），如：记错了人"))
        self.resident = line_edit("corrections_resident", _("村民：卡号、姓名或拼音首字母"))
        self.amount = line_edit("corrections_amount", _("加减几分，如 +3 或 -2"), 260)
        self.feedback = FeedbackBar()
        self.shown_refusal = refusal_shower(self.feedback)
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("更正：撤销记错的一笔，或调整积分")), "title"))
        layout.addWidget(polish(QLabel(_("不会改动原来的流水：撤销是记一笔相反的，调整是记一笔新的，都要写原因。")), "muted"))
        layout.addWidget(self.table, 1)
        form = QGridLayout()
        form.addWidget(self.reason, 0, 0, 1, 2)
        form.addWidget(button(_("撤销选中的这笔"), "corrections_revoke", self.revoke), 0, 2)
        form.addWidget(self.resident, 1, 0)
        form.addWidget(self.amount, 1, 1)
        form.addWidget(button(_p("corrections_section", "调整积分"), "corrections_adjust", self.adjust), 1, 2)
        form.setColumnStretch(0, 1)
        layout.addLayout(form)
        layout.addWidget(self.feedback)

    def load(self) -> None:
        self.session.runner.run(lambda: corrections.recent_entries(self.session.reader()), self._show)

    def _show(self, lines: list[corrections.EntryLine]) -> None:
        self.lines = lines
        self.model.set_rows([[line.day, line.resident, line.house_no, line.what, line.points.signed(),
                              line.operator, _state(line)] for line in lines],
                            ["bad" if line.revoked else "" for line in lines])

    def select(self, entry_id: str) -> None:
        row = next(n for n, line in enumerate(self.lines) if line.id == entry_id)
        self.table.selectRow(row)

    def chosen(self) -> corrections.EntryLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.lines[rows[0].row()] if rows else None

    def revoke(self) -> None:
        line, reason = self.chosen(), self.reason.text()
        if line is None:
            self.feedback.show_message(_("请先在上面的表里点选要撤销的一笔。"), "warn")
            return
        self.session.runner.run(lambda: corrections.revoke(self.session.context(), line.id, reason),
                                self._revoked, self.shown_refusal)

    def _revoked(self, done: corrections.Revocation) -> None:
        self.feedback.show_message(_("已撤销{resident}的“{what}”：{value} 分，余额 {balance_after} 分").format(resident=done.resident, what=done.what, value=done.points.signed(), balance_after=done.balance_after), "ok")
        self.reason.clear()
        self.load()

    def adjust(self) -> None:
        who, amount, reason = self.resident.text(), self.amount.text(), self.reason.text()
        self.session.runner.run(lambda: awards.adjust(self.session.context(), who, amount, reason),
                                self._adjusted, self.shown_refusal)

    def _adjusted(self, done) -> None:
        self.feedback.show_message(_("已给{name}调整 {value} 分，余额 {balance_after} 分").format(name=done.resident.name, value=done.points.signed(), balance_after=done.balance_after), "ok")
        for field in (self.amount, self.reason):
            field.clear()
        self.load()


def _state(line: corrections.EntryLine) -> str:
    if line.revoked:
        return _("已撤销")
    return _("撤销记录") if line.is_reversal else ""
