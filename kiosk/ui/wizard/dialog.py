"""The first-run setup window: one page per step, big 上一步 / 下一步 buttons, a feedback line.

The step order, the checks and the building all live in kiosk.services.setup.wizard;
this window shows the page for the wizard's current step and its refusals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout

from kiosk.core.errors import Refused
from kiosk.i18n import _
from kiosk.services.setup.wizard import STEP_WORDS, STEPS, SetupWizard
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.wizard.device_pages import PrinterPage, ResidentsPage, TownshipPage
from kiosk.ui.wizard.pages import ConfirmPage, ManagerPage, VillagePage

PAGES = {"village": VillagePage, "manager": ManagerPage, "printer": PrinterPage,
         "township": TownshipPage, "residents": ResidentsPage, "confirm": ConfirmPage}


class SetupDialog(QDialog):
    def __init__(self, wizard: SetupWizard, runner) -> None:
        super().__init__()
        self.wizard, self.runner = wizard, runner
        self.setWindowTitle(_("积分超市 · 首次设置"))
        self.step_label = polish(QLabel(), "title")
        self.pages = {step: PAGES[step](wizard, runner) for step in STEPS}
        self.stack = QStackedWidget()
        for step, page in self.pages.items():
            page.setObjectName(f"wizard_page_{step}")
            page.advance.connect(self.next)
            page.said.connect(lambda text, kind: self.feedback.show_message(text, kind))
            self.stack.addWidget(page)
        self.feedback = FeedbackBar()
        self.back_button = polish(QPushButton(_("上一步")), "quiet")
        self.back_button.setObjectName("wizard_back")
        self.next_button = polish(QPushButton(), "primary")
        self.next_button.setObjectName("wizard_next")
        self.next_button.setMinimumWidth(260)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self._lay_out()
        self.show_step(wizard.step)

    def _lay_out(self) -> None:
        heading = polish(QLabel(_("积分超市 · 首次设置")), "big")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.addWidget(heading)
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)

    @property
    def shown_step(self) -> str:
        return STEPS[self.stack.currentIndex()]

    def show_step(self, step: str) -> None:
        number = STEPS.index(step) + 1
        self.step_label.setText(_("第 {number} 步（共 {count} 步）：{value}").format(number=number, count=len(STEPS), value=_(STEP_WORDS[step])))
        self.stack.setCurrentWidget(self.pages[step])
        self.back_button.setEnabled(number > 1)
        last = step == STEPS[-1]
        self.next_button.setText(_("完成，打开收银台") if last
                                 else _("下一步"))
        page = self.pages[step]
        if hasattr(page, "shown"):
            page.shown()

    def back(self) -> None:
        self.wizard.go_to(self.shown_step)
        self.wizard.back()
        self.show_step(self.wizard.step)

    def next(self) -> None:
        page = self.pages[self.shown_step]
        if self.shown_step == STEPS[-1]:
            self.finish()
            return
        try:
            page.submit()
        except Refused as refusal:
            self.feedback.show_message(refusal.message(), "bad")
            if hasattr(page, "refused"):
                page.refused(refusal.code)
            return
        self.feedback.clear()
        self.feedback.setStyleSheet("")
        self.show_step(self.wizard.step)

    def finish(self) -> None:
        self.next_button.setEnabled(False)
        self.back_button.setEnabled(False)
        self.feedback.show_message(_("正在建立本村的数据，请稍等…"))
        self.runner.run(self.wizard.finish, lambda _unused: self.accept(), self._not_finished)

    def _not_finished(self, error: BaseException) -> None:
        self.next_button.setEnabled(True)
        self.back_button.setEnabled(True)
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            return   # a stray Esc must not throw the answers away
        super().keyPressEvent(event)
