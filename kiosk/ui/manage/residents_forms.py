"""The small forms of the residents section: big fields and big choice buttons, no pop-ups.

Each form says what it does in a title, takes a few fields and choices, and hands
what was typed to the section (`submitted`), which calls the service.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import LEAVE_POINTS
from kiosk.i18n import _, _p
from kiosk.ui.theme import INFO, polish

CHECKED = f"QPushButton:checked {{ background: {INFO}; color: white; border-color: {INFO}; }}"


class ChoiceRow(QWidget):
    """Big checkable buttons in a row: one choice (exclusive) or several."""

    def __init__(self, name: str, options: list[tuple[str, str]], exclusive: bool = True,
                 vertical: bool = False, columns: int = 0) -> None:
        super().__init__()
        self.group = QButtonGroup(self, exclusive=exclusive)
        self.buttons: dict[str, QPushButton] = {}
        self.setStyleSheet(CHECKED)
        across = 1 if vertical else (columns or len(options) or 1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, (value, text) in enumerate(options):
            button = QPushButton(text, checkable=True)
            button.setObjectName(f"{name}_{value}")
            self.group.addButton(button)
            self.buttons[value] = button
            grid.addWidget(button, n // across, n % across)
        if not vertical:
            grid.setColumnStretch(across, 1)

    def chosen(self) -> list[str]:
        return [value for value, button in self.buttons.items() if button.isChecked()]

    def choose(self, *values: str) -> None:
        for value, button in self.buttons.items():
            button.setChecked(value in values)


class ActionForm(QWidget):
    submitted = Signal(dict)
    cancelled = Signal()

    def __init__(self, name: str, title: str, fields: list[tuple[str, str, str]],
                 choices: dict[str, tuple[str, ChoiceRow]] | None = None, hint: str = "") -> None:
        super().__init__()
        self.name = name
        self.title = polish(QLabel(title), "title")
        self.title.setWordWrap(True)
        self.edits: dict[str, QLineEdit] = {}
        self.choices = {key: row for key, (_unused, row) in (choices or {}).items()}
        grid = QGridLayout()
        for n, (key, label, placeholder) in enumerate(fields):
            edit = QLineEdit()
            edit.setObjectName(f"{name}_{key}")
            edit.setPlaceholderText(placeholder)
            edit.returnPressed.connect(self._submit)
            self.edits[key] = edit
            grid.addWidget(QLabel(label), n, 0)
            grid.addWidget(edit, n, 1)
        for n, (label, row) in enumerate((choices or {}).values(), start=len(fields)):
            grid.addWidget(QLabel(label), n, 0)
            grid.addWidget(row, n, 1)
        self.confirm = polish(QPushButton(_("确定")), "primary")
        self.confirm.setObjectName(f"{name}_confirm")
        self.confirm.clicked.connect(self._submit)
        cancel = polish(QPushButton(_("取消")), "quiet")
        cancel.setObjectName(f"{name}_cancel")
        cancel.clicked.connect(self.cancelled)
        self._lay_out(grid, cancel, hint)

    def _lay_out(self, grid: QGridLayout, cancel: QPushButton, hint: str) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        if hint:
            words = polish(QLabel(hint), "muted")
            words.setWordWrap(True)
            layout.addWidget(words)
        layout.addLayout(grid)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel, 1)
        buttons.addWidget(self.confirm, 2)
        layout.addLayout(buttons)

    def fill(self, values: dict[str, str]) -> None:
        for key, edit in self.edits.items():
            edit.setText(values.get(key, ""))

    def values(self) -> dict:
        found: dict = {key: edit.text().strip() for key, edit in self.edits.items()}
        found.update({key: row.chosen() for key, row in self.choices.items()})
        return found

    def _submit(self) -> None:
        self.submitted.emit(self.values())


def edit_form(name: str) -> ActionForm:
    return ActionForm("edit", _("改信息：{name}").format(name=name), [
        ("name", _p("residents_forms", "姓名"), ""), ("relation", _p("residents_forms", "与户主关系"), _("如 配偶、儿子；写“户主”就换他当户主")),
        ("phone", _("电话"), _("可不填")),
        ("id_last4", _p("residents_forms", "身份证后四位"), _("4 位，最后一位可以是 X"))])


def move_form(name: str) -> ActionForm:
    return ActionForm("move", _("把{name}迁到别的户").format(name=name), [
        ("house_no", _("迁入门牌号"), _("如 5组1号（要已经登记过）")),
        ("relation", _("在新户的关系"), _("如 女儿、女婿"))],
        hint=_("户积分留在原来的户里。"))


def split_form(house_no: str, members: list[tuple[str, str]]) -> ActionForm:
    return ActionForm("split", _("分户：{house_no} 里谁分出去").format(house_no=house_no), [
        ("new_house_no", _("新门牌号"), _("如 3组13号")),
        ("points", _("分给新户的积分"), _("不填就按人数分"))],
        {"members": (_("分出去的人"), ChoiceRow("split_member", members, exclusive=False, columns=4))},
        hint=_("选中的人里排在最前面的当新户的户主。"))


def merge_form(house_no: str) -> ActionForm:
    return ActionForm("merge", _("合户：把 {house_no} 全家并入").format(house_no=house_no), [
        ("into", _("并入的门牌号"), _("如 3组12号"))],
        hint=_("这一户的人和积分全部转过去，这个门牌号就不再单独成户。"))


def leave_form(name: str, default_points: str) -> ActionForm:
    status = ChoiceRow("leave_status", [("moved", _p("residents_forms", "已迁出")), ("deceased", _p("residents_forms", "已故"))])
    points = ChoiceRow("leave_points", [(value, _(words)) for value, words in LEAVE_POINTS.choices])
    points.choose(default_points)
    return ActionForm("leave", _("登记{name}迁出或去世").format(name=name), [],
                      {"status": (_("情况"), status), "points": (_("他的积分"), points)},
                      hint=_("登记后他的卡马上停用；以前的记录都保留。"))


def reissue_form(name: str) -> ActionForm:
    reasons = ChoiceRow("reissue_reason", [("丢失", _p("residents_forms", "丢失")), ("损坏", _p("residents_forms", "损坏"))])
    return ActionForm("reissue", _("给{name}补办新卡（旧卡作废）").format(name=name),
                      [("reason", _("其他原因"), _("不选上面的就写在这里"))],
                      {"why": (_p("residents_forms#2", "原因"), reasons)})
