"""更正 (back office): revoke an award, deduction or adjustment by its reversal, or adjust a
balance, always with a reason. Nothing is edited in place: both post new entries."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import tr
from kiosk.services import awards, corrections
from kiosk.ui.manage.points_parts import button, refusal_shower
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar


class CorrectionsSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.lines: list[corrections.EntryLine] = []
        self.model = RowsTableModel([tr("日期", "Day"), tr("村民", "Resident"), tr("门牌号", "House"),
                                     tr("内容", "What"), tr("积分", "Points"), tr("操作员", "By"),
                                     tr("状态", "State")], right_from=4)
        self.table = table_view(self.model, "corrections_table", stretch=3)
        self.reason = line_edit("corrections_reason", tr("原因（必填），如：记错了人", "Reason (required), e.g. wrong person"))
        self.resident = line_edit("corrections_resident", tr("村民：卡号、姓名或拼音首字母", "Resident: card, name or initials"))
        self.amount = line_edit("corrections_amount", tr("加减几分，如 +3 或 -2", "Points, e.g. +3 or -2"), 260)
        self.feedback = FeedbackBar()
        self.shown_refusal = refusal_shower(self.feedback)
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(tr("更正：撤销记错的一笔，或调整积分", "Corrections: revoke an entry, or adjust points")), "title"))
        layout.addWidget(polish(QLabel(tr("不会改动原来的流水：撤销是记一笔相反的，调整是记一笔新的，都要写原因。",
                                          "Nothing is changed in place: a revocation posts the opposite entry, "
                                          "an adjustment a new one; both need a reason.")), "muted"))
        layout.addWidget(self.table, 1)
        form = QGridLayout()
        form.addWidget(self.reason, 0, 0, 1, 2)
        form.addWidget(button(tr("撤销选中的这笔", "Revoke the chosen entry"), "corrections_revoke", self.revoke), 0, 2)
        form.addWidget(self.resident, 1, 0)
        form.addWidget(self.amount, 1, 1)
        form.addWidget(button(tr("调整积分", "Adjust points"), "corrections_adjust", self.adjust), 1, 2)
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
            self.feedback.show_message(tr("请先在上面的表里点选要撤销的一笔。", "Tap the entry to revoke first."), "warn")
            return
        self.session.runner.run(lambda: corrections.revoke(self.session.context(), line.id, reason),
                                self._revoked, self.shown_refusal)

    def _revoked(self, done: corrections.Revocation) -> None:
        self.feedback.show_message(tr(f"已撤销{done.resident}的“{done.what}”：{done.points.signed()} 分，余额 {done.balance_after} 分",
                                      f"Revoked {done.resident}'s “{done.what}”: {done.points.signed()}; balance {done.balance_after}"), "ok")
        self.reason.clear()
        self.load()

    def adjust(self) -> None:
        who, amount, reason = self.resident.text(), self.amount.text(), self.reason.text()
        self.session.runner.run(lambda: awards.adjust(self.session.context(), who, amount, reason),
                                self._adjusted, self.shown_refusal)

    def _adjusted(self, done) -> None:
        self.feedback.show_message(tr(f"已给{done.resident.name}调整 {done.points.signed()} 分，余额 {done.balance_after} 分",
                                      f"Adjusted {done.resident.name} by {done.points.signed()}; balance {done.balance_after}"), "ok")
        for field in (self.amount, self.reason):
            field.clear()
        self.load()


def _state(line: corrections.EntryLine) -> str:
    if line.revoked:
        return tr("已撤销", "revoked")
    return tr("撤销记录", "a revocation") if line.is_reversal else ""
