"""操作员 (back office): who may log in at the counter; add one, reset a PIN, stop or restart one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.i18n import _, _p, word
from kiosk.messages.values import ROLE_WORDS
from kiosk.services.people import confirm_limits, operators
from kiosk.ui.manage.confirm_limits_panel import ConfirmLimitsPanel
from kiosk.ui.manage.residents_forms import ChoiceRow
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar


class OperatorsSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.rows: list[dict] = []
        self.model = RowsTableModel([_p("operators_section", "姓名"), _("角色"), _p("operators_section", "状态"),
                                     _("是哪位村民")])
        self.table = table_view(self.model, "operators_table", stretch=0)
        self.table.setMinimumHeight(324)      # a village's usual six operators, without scrolling
        self.table.clicked.connect(lambda index: self.choose(index.row()))
        self.chosen = polish(QLabel(_("在左边选一位操作员")), "title")
        self.new_pin = _pin_edit("operators_new_pin", _("新密码（4-8 位数字）"))
        self.name = line_edit("operators_name", _p("operators_section", "姓名"))
        self.role = ChoiceRow("operators_role", [("volunteer", _p("operators_section", "志愿者")),
                                                 ("manager", _p("operators_section", "管理员"))])
        self.role.choose("volunteer")
        self.pin = _pin_edit("operators_pin", _("密码（4-8 位数字）"))
        self.resident = line_edit("operators_resident", _("是哪位村民（卡号或姓名）"))
        self.link_to = line_edit("operators_link_to", _("是哪位村民（卡号或姓名）"))
        self.limits = ConfirmLimitsPanel()
        self.feedback = FeedbackBar()
        self.buttons = {key: QPushButton(text) for key, text in (
            ("reset", _("重设密码")), ("deactivate", _p("operators_section", "停用")),
            ("activate", _p("operators_section", "重新启用")), ("add", _("添加操作员")),
            ("link", _("登记村民")))}
        for key, button in self.buttons.items():
            button.setObjectName(f"operators_{key}")
        polish(self.buttons["add"], "primary")
        self.buttons["reset"].clicked.connect(self.reset_pin)
        self.buttons["deactivate"].clicked.connect(lambda: self.set_active(False))
        self.buttons["activate"].clicked.connect(lambda: self.set_active(True))
        self.buttons["add"].clicked.connect(self.add)
        self.buttons["link"].clicked.connect(self.link)
        self._lay_out()

    def _lay_out(self) -> None:
        right = QVBoxLayout()
        right.addLayout(self._chosen_block())
        right.addLayout(self._adding_block())
        right.addStretch(1)
        note = polish(QLabel(_("停用的人不能再登录，他以前记的账都保留。至少要留一位在用的管理员。") + " "
                             + _("每位操作员都要登记是哪位村民：动他自家的积分时，要另一位管理员输入密码确认（回避）。")),
                      "muted")
        note.setWordWrap(True)
        left = QVBoxLayout()              # the note under the table: the width below is the 回避 limits'
        left.addWidget(self.table, 1)
        left.addWidget(note)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("操作员：志愿者管收银，管理员管一切")), "title"))
        layout.addLayout(body, 1)
        layout.addWidget(self.limits, 1)
        layout.addWidget(self.feedback)

    def _chosen_block(self) -> QGridLayout:
        heading = QHBoxLayout()        # 停用 beside the name: a row less, for the 回避 limits below
        heading.addWidget(self.chosen, 1)
        heading.addWidget(self.buttons["deactivate"])
        heading.addWidget(self.buttons["activate"])
        chosen = QGridLayout()
        chosen.addLayout(heading, 0, 0, 1, 2)
        chosen.addWidget(self.new_pin, 1, 0)
        chosen.addWidget(self.buttons["reset"], 1, 1)
        chosen.addWidget(self.link_to, 2, 0)
        chosen.addWidget(self.buttons["link"], 2, 1)
        return chosen

    def _adding_block(self) -> QGridLayout:
        adding = QGridLayout()
        adding.addWidget(polish(QLabel(_p("operators_section", "添加操作员")), "title"), 0, 0)
        adding.addWidget(self.role, 0, 1)
        adding.addWidget(self.name, 1, 0)             # two columns, so each hint is read whole at 1366×768
        adding.addWidget(self.pin, 1, 1)
        adding.addWidget(self.resident, 2, 0)
        adding.addWidget(self.buttons["add"], 2, 1)
        return adding

    def load(self) -> None:
        self.session.runner.run(lambda: (operators.list_operators(self.session.db),
                                         confirm_limits.limits_by_manager(self.session.reader())),
                                self._show, self._refused)

    def _show(self, found) -> None:
        rows, limits = found
        self.rows = rows
        self.limits.show_limits(limits)
        self.model.set_rows([[r["name"], word(ROLE_WORDS, r["role"]),
                              _("在用") if r["active"] else _("已停用"),
                              f"{r['resident']}（{r['house_no']}）" if r["resident"] else _("未登记")]
                             for r in rows],
                            ["" if r["active"] else "bad" for r in rows])

    def choose(self, row: int) -> None:
        self.table.selectRow(row)
        picked = self.rows[row]
        self.chosen.setText(_("{name}（{value}）").format(name=picked['name'], value=word(ROLE_WORDS, picked['role'])))
        self.limits.show_manager(picked["name"])

    def picked(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.feedback.show_message(_("请先在左边选一位操作员"), "warn")
            return None
        return self.rows[rows[0].row()]["name"]

    def reset_pin(self) -> None:
        name, pin = self.picked(), self.new_pin.text()
        if name:
            self._run(lambda: operators.reset_pin(self.session.context(), name, pin),
                      _("{name} 的密码已重设，锁定也解除了。").format(name=name))

    def set_active(self, active: bool) -> None:
        name = self.picked()
        if name:
            self._run(lambda: operators.set_active(self.session.context(), name, active),
                      _("{name} 已重新启用。").format(name=name) if active else
                      _("{name} 已停用，不能再登录；以前的记录都保留。").format(name=name))

    def add(self) -> None:
        name, role, pin = self.name.text(), (self.role.chosen() or ["volunteer"])[0], self.pin.text()
        resident = self.resident.text().strip() or None
        self._run(lambda: operators.add_operator(self.session.context(), name, role, pin, resident),
                  _("已添加 {value}，可以用新密码登录了。").format(value=name.strip()))

    def link(self) -> None:
        name, resident = self.picked(), self.link_to.text()
        if name:
            self._run(lambda: operators.link_resident(self.session.context(), name, resident),
                      _("已登记：{name} 是这位村民，动他自家的积分要另一位管理员确认。").format(name=name))

    def _run(self, call, words: str) -> None:
        self.session.runner.run(call, lambda _unused: self._done(words), self._refused)

    def _done(self, words: str) -> None:
        for edit in (self.new_pin, self.name, self.pin, self.resident, self.link_to):
            edit.clear()
        self.feedback.show_message(words, "ok")
        self.load()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")


def _pin_edit(name: str, placeholder: str) -> QLineEdit:
    edit = line_edit(name, placeholder)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
