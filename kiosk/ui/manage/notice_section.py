"""公示 (back office): what is on public notice; print the A4 notice; objections and decisions.

Opening it first credits the claims whose notice has ended. Anyone at the counter
may record an objection (who objects, and why); a manager upholds it (the points are
revoked, or never credit) or dismisses it. `compact` is the volunteer's short list.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from kiosk.i18n import _, _p
from kiosk.messages.points import NOTICE_STATE_WORDS
from kiosk.messages.points import OBJECTION_DECISION_WORDS as DECISION_WORDS
from kiosk.services.points import corrections, notice, notice_credit, objections
from kiosk.ui.manage import stock_parts
from kiosk.ui.manage.points_parts import button, refusal_shower
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar

TINTS = {"held": "bad", "revoked": "bad", "withheld": "bad", "waiting": "good"}


class NoticeSection(QWidget):
    def __init__(self, session, compact: bool = False) -> None:
        super().__init__()
        self.session, self.compact = session, compact
        self.found: list[notice.NoticeItem] = []
        # the act's day, not a record number: people tell items apart by day, name and act
        self.model = RowsTableModel([_("日期"), _p("notice_section", "门牌号"), _p("notice_section", "姓名"),
                                     _("事项"), _("分值"), _("公示截止"),
                                     _("状态"), _("谁记的、谁审核")], right_from=4)
        self.table = table_view(self.model, "notice_table", stretch=3)
        self.table.clicked.connect(lambda index: self._show_objections(index.row()))
        self.heard = QListWidget()
        self.heard.setObjectName("notice_objections")
        self.heard.setMaximumHeight(96)
        self.objector = line_edit("notice_objector", _("提出人，如 王五（5组2号）"), 300)
        self.why = line_edit("notice_why", _("理由，如：那天他没有参加"))
        self.feedback = FeedbackBar()
        self.refused = refusal_shower(self.feedback)
        self.buttons = {key: button(text, f"notice_{key}", slot, role) for key, text, slot, role in (
            ("object", _p("notice_section", "登记异议"), self.record_objection, "primary"),
            ("uphold", _p("notice_section", "异议成立"), lambda: self.decide("uphold"), ""),
            ("dismiss", _("异议不成立"), lambda: self.decide("dismiss"), ""),
            ("revoke", _("撤销这条积分"), self.revoke, "quiet"),
            ("print", _("打印公示（A4）"), self.print_notice, ""))}
        self._lay_out()

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(polish(QLabel(_("公示：审核通过的加分和扣分")), "title"), 1)
        head.addWidget(self.buttons["print"])
        say = QHBoxLayout()
        say.addWidget(self.objector)
        say.addWidget(self.why, 1)
        say.addWidget(self.buttons["object"])
        decide = QHBoxLayout()
        decide.addWidget(QLabel(_("管理员处理：")))
        for key in ("uphold", "dismiss", "revoke"):
            decide.addWidget(self.buttons[key])
        decide.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.heard)
        layout.addLayout(say)
        layout.addLayout(decide)
        layout.addWidget(self.feedback)
        for key in ("uphold", "dismiss", "revoke", "print"):
            self.buttons[key].setVisible(not self.compact)
        decide.itemAt(0).widget().setVisible(not self.compact)

    def load(self) -> None:
        def listing():
            credited = 0 if self.compact else notice_credit.credit_due(self.session.reader())
            return credited, notice.items(self.session.reader())
        self.session.runner.run(listing, self._show, self.refused)

    def _show(self, found) -> None:
        credited, self.found = found
        self.model.set_rows([[i.day[5:10], i.house_no, i.resident, i.what, i.points.signed(), i.ends[5:16],
                              _(NOTICE_STATE_WORDS[i.state]), i.who] for i in self.found],
                            [TINTS.get(i.state, "") for i in self.found])
        self.heard.clear()
        if credited:
            self.feedback.show_message(_("公示期满，已入账 {credited} 条").format(credited=credited), "ok")
        self.heard.addItem(_("点表里的一条，可以看它有没有异议，也可以登记异议。") if self.found else
                           _p("notice_section", "现在没有公示中的积分。"))

    def selected(self) -> notice.NoticeItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.found[rows[0].row()] if rows and rows[0].row() < len(self.found) else None

    def select(self, item_id: str) -> None:
        row = next((n for n, i in enumerate(self.found) if i.id == item_id), -1)
        if row >= 0:
            self.table.selectRow(row)
            self._show_objections(row)

    def _show_objections(self, row: int) -> None:
        item = self.found[row]
        self.session.runner.run(lambda: notice.objections(self.session.reader(), item), self._heard, self.refused)

    def _heard(self, found: list[notice.Objection]) -> None:
        self.heard.clear()
        self.heard.addItems([f'{o.recorded_at[5:16]}\u3000{o.objector}：{o.why}（{_(DECISION_WORDS[o.status])}）'
                             + (_("，{name}处理：{note}").format(name=o.decided_by, note=o.decision_note)
                                if o.decided_by else "")
                             for o in found] or [_("这一条没有异议。")])

    def _chosen_or_say(self) -> notice.NoticeItem | None:
        item = self.selected()
        if item is None:
            self.feedback.show_message(_("请先在表里点一条"), "warn")
        return item

    def record_objection(self) -> None:
        item, who, why = self._chosen_or_say(), self.objector.text(), self.why.text()
        if item is not None:
            self.session.runner.run(lambda: objections.object_to(self.session.context(), item.id, who, why),
                                    lambda done: self._done(done, _("已登记异议，等管理员处理")),
                                    self.refused)

    def decide(self, outcome: str) -> None:
        item, note = self._chosen_or_say(), self.why.text()
        if item is not None:
            self.session.runner.run(lambda: objections.decide(self.session.context(), item.id, outcome, note),
                                    lambda done: self._done(done, _p("notice_section", "已处理")), self.refused)

    def revoke(self) -> None:
        item, reason = self._chosen_or_say(), self.why.text()
        if item is not None and item.source == "claim":
            self.feedback.show_message(_("这一条还没入账，不用撤销；有问题请登记异议。"), "warn")
        elif item is not None:
            self.session.runner.run(lambda: corrections.revoke(self.session.context(), item.id, reason),
                                    lambda done: self._done(item, _("已撤销，积分已扣回")), self.refused)

    def _done(self, item: notice.NoticeItem, words: str) -> None:
        self.objector.clear()
        self.why.clear()
        self.load()
        self.select(item.id)
        self.feedback.show_message(f"{words}：{item.resident} {item.what}", "ok")

    def print_notice(self) -> None:
        day = self.session.clock.now().date().isoformat()
        path = stock_parts.papers_dir(self.session, "公示") / f"公示-{day}.pdf"
        self.session.runner.run(lambda: notice.save_pdf(self.session.reader(), path), self._saved, self.refused)

    def _saved(self, path) -> None:
        self.saved = path
        stock_parts.open_document(path)
        self.feedback.show_message(stock_parts.saved_words(path), "ok")
