"""操作记录 (back office, under 数据报表): who did what to whom, before → after, in plain
words, with the chain's state; filter by operator, kind, date and resident; export to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import Refused
from kiosk.i18n import _
from kiosk.services.audit import listing as audit_trail
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.file_dialogs import EXCEL, filters, save_file


class AuditSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.model = RowsTableModel([_("时间"), _("操作员"), _("做了什么"), _("对象"), _("改动（之前 → 之后）"),
                                     _("第二位管理员")])
        self.table = table_view(self.model, "audit_table", stretch=4)
        self.fields = {key: line_edit(f"audit_{key}", words) for key, words in (
            ("operator", _("操作员姓名")), ("kind", _("哪一类，如 积分标准、设置、公示")),
            ("since", _("从哪天起，如 2026-11-01")), ("resident", _("和哪位村民有关")))}
        self.chain = polish(QLabel(""), "title")
        self.feedback = FeedbackBar()
        self.buttons = {"find": QPushButton(_("查找")), "export": QPushButton(_("导出 Excel"))}
        for key, button in self.buttons.items():
            button.setObjectName(f"audit_{key}")
        polish(self.buttons["find"], "primary")
        self.buttons["find"].clicked.connect(self.load)
        self.buttons["export"].clicked.connect(self.export)
        filters = QGridLayout()          # two rows, so each hint (如 积分标准、设置、公示) is read whole
        for index, edit in enumerate(self.fields.values()):
            filters.addWidget(edit, index // 2, index % 2)
        filters.addWidget(self.buttons["find"], 0, 2)
        filters.addWidget(self.buttons["export"], 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("操作记录：谁在什么时候对谁做了什么")), "title"))
        layout.addLayout(filters)
        layout.addWidget(self.chain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.feedback)

    def filters(self) -> dict:
        return {key: edit.text().strip() or None for key, edit in self.fields.items()}

    def load(self) -> None:
        wanted = self.filters()
        self.session.runner.run(lambda: audit_trail.read(self.session.reader(), **wanted), self._show,
                                self._refused)

    def _show(self, trail: audit_trail.Trail) -> None:
        self.model.set_rows([[t.at[:16], t.operator, t.did, t.target, t.change, t.second] for t in trail.lines])
        self.chain.setText(trail.chain_words)
        polish(self.chain, "title" if trail.chain_whole else "bad")

    def ask_path(self, suggested: Path) -> str:
        return save_file(self, _("存到哪里"), str(suggested), filters(EXCEL))

    def export(self) -> None:
        path = self.ask_path(Path.home() / "操作记录.xlsx")
        if not path:
            return
        wanted = self.filters()
        self.session.runner.run(lambda: audit_trail.export(self.session.reader(), path, **wanted),
                                lambda saved: self.feedback.show_message(
                                    _("已存到 {path}").format(path=saved), "ok"), self._refused)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
