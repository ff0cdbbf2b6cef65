"""公示 (back office): what is on public notice; print the A4 notice; objections and decisions.

Opening it first credits the claims whose notice has ended. Anyone at the counter
may record an objection (who objects, and why); a manager upholds it (the points are
revoked, or never credit) or dismisses it. `compact` is the volunteer's short list.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from kiosk.i18n import tr
from kiosk.services import corrections, notice, notice_credit, objections
from kiosk.ui.manage import stock_parts
from kiosk.ui.manage.points_parts import button, refusal_shower
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar

DECISION_WORDS = {"open": ("待处理", "open"), "upheld": ("成立", "upheld"), "dismissed": ("不成立", "dismissed")}
TINTS = {"held": "bad", "revoked": "bad", "withheld": "bad", "waiting": "good"}


class NoticeSection(QWidget):
    def __init__(self, session, compact: bool = False) -> None:
        super().__init__()
        self.session, self.compact = session, compact
        self.found: list[notice.NoticeItem] = []
        self.model = RowsTableModel([tr("编号", "Ref"), tr("门牌号", "House"), tr("姓名", "Name"),
                                     tr("事项", "For"), tr("分值", "Points"), tr("公示截止", "Until"),
                                     tr("状态", "State")], right_from=4)
        self.table = table_view(self.model, "notice_table", stretch=3)
        self.table.clicked.connect(lambda index: self._show_objections(index.row()))
        self.heard = QListWidget()
        self.heard.setObjectName("notice_objections")
        self.heard.setMaximumHeight(96)
        self.objector = line_edit("notice_objector", tr("提出人，如 王五（5组2号）", "who objects"), 300)
        self.why = line_edit("notice_why", tr("理由，如：那天他没有参加", "why, e.g. he was not there"))
        self.feedback = FeedbackBar()
        self.refused = refusal_shower(self.feedback)
        self.buttons = {key: button(text, f"notice_{key}", slot, role) for key, text, slot, role in (
            ("object", tr("登记异议", "Record objection"), self.record_objection, "primary"),
            ("uphold", tr("异议成立", "Uphold"), lambda: self.decide("uphold"), ""),
            ("dismiss", tr("异议不成立", "Dismiss"), lambda: self.decide("dismiss"), ""),
            ("revoke", tr("撤销这条积分", "Revoke"), self.revoke, "quiet"),
            ("print", tr("打印公示（A4）", "Print the notice (A4)"), self.print_notice, ""))}
        self._lay_out()

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(polish(QLabel(tr("公示：审核通过的加分和扣分", "Public notice: approved points")), "title"), 1)
        head.addWidget(self.buttons["print"])
        say = QHBoxLayout()
        say.addWidget(self.objector)
        say.addWidget(self.why, 1)
        say.addWidget(self.buttons["object"])
        decide = QHBoxLayout()
        decide.addWidget(QLabel(tr("管理员处理：", "Manager:")))
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
        self.model.set_rows([[i.short, i.house_no, i.resident, i.what, i.points.signed(), i.ends[5:16],
                              tr(*notice.STATE_WORDS[i.state])] for i in self.found],
                            [TINTS.get(i.state, "") for i in self.found])
        self.heard.clear()
        if credited:
            self.feedback.show_message(tr(f"公示期满，已入账 {credited} 条", f"{credited} claims credited"), "ok")
        self.heard.addItem(tr("点表里的一条，可以看它有没有异议，也可以登记异议。",
                              "Tap a line to see its objections or to record one.") if self.found else
                           tr("现在没有公示中的积分。", "Nothing is on notice now."))

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
        self.heard.addItems([f"{o.recorded_at[5:16]}　{o.objector}：{o.why}（{tr(*DECISION_WORDS[o.status])}）"
                             for o in found] or [tr("这一条没有异议。", "No objections to this one.")])

    def _chosen_or_say(self) -> notice.NoticeItem | None:
        item = self.selected()
        if item is None:
            self.feedback.show_message(tr("请先在表里点一条", "Tap a line in the table first"), "warn")
        return item

    def record_objection(self) -> None:
        item, who, why = self._chosen_or_say(), self.objector.text(), self.why.text()
        if item is not None:
            self.session.runner.run(lambda: objections.object_to(self.session.context(), item.id, who, why),
                                    lambda done: self._done(done, tr("已登记异议，等管理员处理", "Objection recorded")),
                                    self.refused)

    def decide(self, outcome: str) -> None:
        item, note = self._chosen_or_say(), self.why.text()
        if item is not None:
            self.session.runner.run(lambda: objections.decide(self.session.context(), item.id, outcome, note),
                                    lambda done: self._done(done, tr("已处理", "Decided")), self.refused)

    def revoke(self) -> None:
        item, reason = self._chosen_or_say(), self.why.text()
        if item is not None and item.source == "claim":
            self.feedback.show_message(tr("这一条还没入账，不用撤销；有问题请登记异议。",
                                          "Not credited yet: record an objection instead."), "warn")
        elif item is not None:
            self.session.runner.run(lambda: corrections.revoke(self.session.context(), item.id, reason),
                                    lambda done: self._done(item, tr("已撤销，积分已扣回", "Revoked")), self.refused)

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
