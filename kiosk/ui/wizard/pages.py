"""The wizard's village, manager and confirm pages: they show the logic, nothing more.

A page is a QWidget with `submit()` (calls the step on the wizard; may raise
Refused), optional `shown()` and `refused(code)`, and two signals: `advance`
(the page finished its step itself) and `said(text, kind)` (a line for the feedback bar).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.services.setup.wizard import CURRENCY_EXAMPLES, SetupWizard
from kiosk.ui.theme import polish
from kiosk.ui.widgets.pin_pad import PinPadWidget


class WizardPage(QWidget):
    advance = Signal()
    said = Signal(str, str)

    def __init__(self, wizard: SetupWizard, runner, intro: str) -> None:
        super().__init__()
        self.wizard, self.runner = wizard, runner
        self.layout_ = QVBoxLayout(self)
        note = polish(QLabel(intro), "muted")
        note.setWordWrap(True)
        self.layout_.addWidget(note)

    def submit(self) -> None:
        raise NotImplementedError

    def line(self, name: str, text: str = "") -> QLineEdit:
        field = QLineEdit(text)
        field.setObjectName(name)
        return field


class VillagePage(WizardPage):
    def __init__(self, wizard, runner) -> None:
        super().__init__(wizard, runner, _("欢迎使用积分超市。先写上村名和本村积分的名称，小票和查询屏上都会用到。"))
        self.name = self.line("wizard_village", wizard.answers.village)
        self.name.setPlaceholderText(_("如：青石村"))
        self.currency = self.line("wizard_currency", wizard.answers.currency)
        examples = QHBoxLayout()
        for zh in CURRENCY_EXAMPLES:
            example = _(zh)
            button = polish(QPushButton(example), "quiet")
            button.setObjectName(f"wizard_currency_{zh}")
            button.clicked.connect(lambda _unused=False, text=example: self.currency.setText(text))
            examples.addWidget(button)
        examples.addStretch(1)
        form = QFormLayout()
        form.addRow(_p("pages", "村名"), self.name)
        form.addRow(_p("pages#3", "积分名称"), self.currency)
        form.addRow("", examples)
        self.layout_.addLayout(form)
        self.layout_.addStretch(1)

    def shown(self) -> None:
        self.name.setFocus()

    def submit(self) -> None:
        self.wizard.set_village(self.name.text(), self.currency.text())


class ManagerPage(WizardPage):
    def __init__(self, wizard, runner) -> None:
        super().__init__(wizard, runner, _("第一位管理员管设置、价格和积分。密码是 4 到 8 位数字，要输两次；请记牢，别告诉别人。"))
        self.pins: list[str] = []
        self.name = self.line("wizard_manager", wizard.answers.manager)
        self.name.setPlaceholderText(_("管理员姓名"))
        self.house = self.line("wizard_manager_house", wizard.answers.manager_house)
        self.house.setPlaceholderText(_("他家的门牌号，如 3组12号"))
        self.prompt = polish(QLabel(), "title")
        self.pad = PinPadWidget()
        self.pad.submitted.connect(self._pin_entered)
        left = QVBoxLayout()
        left.addWidget(QLabel(_("管理员姓名")))
        left.addWidget(self.name)
        left.addWidget(QLabel(_("管理员家的门牌号（自家的积分要另一位管理员确认）")))
        left.addWidget(self.house)
        left.addSpacing(24)
        left.addWidget(self.prompt)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.pad, 2, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(body, 1)
        self._show_prompt()

    def _show_prompt(self) -> None:
        self.prompt.setText([_("请在右边的数字键上设密码，按“确定”"),
                             _("请再输一次同样的密码，按“确定”"),
                             _("密码已输两次 ✓")][min(len(self.pins), 2)])

    def _pin_entered(self, pin: str) -> None:
        if len(self.pins) != 1:
            try:
                self.wizard.check_pin(pin)
            except Refused as refusal:
                self.pins = []
                self.said.emit(refusal.message(), "bad")
                return
        self.pins = (self.pins + [pin])[-2:]
        self._show_prompt()
        if len(self.pins) == 2:
            self.advance.emit()

    def submit(self) -> None:
        typed = self.pad.display.text()
        if typed:
            self.pad.clear()
            self.pins = (self.pins + [typed])[-2:]
            self._show_prompt()
        pins = self.pins + ["", ""]
        self.wizard.set_manager(self.name.text(), pins[0], pins[1], self.house.text())

    def refused(self, code: str) -> None:
        if code in ("setup_pins_differ", "pin_format"):
            self.pins = []
            self._show_prompt()


class ConfirmPage(WizardPage):
    def __init__(self, wizard, runner) -> None:
        super().__init__(wizard, runner, _("请核对一遍。点“完成”后建立本村的数据，然后打开收银台，用刚设的管理员和密码登录。这些以后都能在“设置”里改。"))
        self.form = QFormLayout()
        self.form.setVerticalSpacing(14)
        self.layout_.addLayout(self.form)
        self.layout_.addStretch(1)

    def shown(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in self.wizard.summary():
            shown = polish(QLabel(value), "title")
            shown.setWordWrap(True)
            self.form.addRow(label, shown)

    def submit(self) -> None:
        pass   # the dialog runs finish() off the GUI thread
