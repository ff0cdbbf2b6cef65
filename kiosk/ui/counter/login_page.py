"""Who is at the counter: pick your name, type your PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from kiosk.core.errors import Refused
from kiosk.i18n import _, word
from kiosk.messages.values import ROLE_WORDS
from kiosk.services.people import operators
from kiosk.services.context import Actor
from kiosk.ui.counter_session import CounterSession
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.pin_pad import PinPadWidget


class LoginPage(QWidget):
    logged_in = Signal(object)  # Actor

    def __init__(self, session: CounterSession, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.chosen: str | None = None
        self.names = QButtonGroup(self, exclusive=True)
        self.names_box = QGridLayout()
        self.feedback = FeedbackBar()
        self.pin_pad = PinPadWidget()
        self.pin_pad.submitted.connect(self._try_pin)
        self.prompt = polish(QLabel(_("请点您的名字")), "title")
        self._lay_out(title)

    def _lay_out(self, title: str) -> None:
        heading = polish(QLabel(title), "big")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left = QVBoxLayout()
        left.addWidget(self.prompt)
        left.addLayout(self.names_box)
        left.addStretch()
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.pin_pad, 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(body, 1)
        layout.addWidget(self.feedback)

    def load(self) -> None:
        """The names, read right away: a few rows, and the worker may not be running yet."""
        self._show_names(operators.list_operators(self.session.db))

    def _show_names(self, rows: list[dict]) -> None:
        for button in self.names.buttons():
            self.names.removeButton(button)
            button.deleteLater()
        active = [r for r in rows if r["active"]]
        for index, row in enumerate(active):
            button = QPushButton(f"{row['name']}\n{word(ROLE_WORDS, row['role'])}")
            button.setCheckable(True)
            button.setMinimumSize(200, 96)
            button.setObjectName(f"operator_{row['name']}")
            button.clicked.connect(lambda _unused=False, name=row["name"]: self.choose(name))
            self.names.addButton(button)
            self.names_box.addWidget(button, index // 3, index % 3)
        if len(active) == 1:
            self.choose(active[0]["name"])

    def choose(self, name: str) -> None:
        self.chosen = name
        for button in self.names.buttons():
            button.setChecked(button.objectName() == f"operator_{name}")
        self.prompt.setText(_("{name}，请输入密码").format(name=name))
        self.pin_pad.display.setFocus()

    def _try_pin(self, pin: str) -> None:
        if self.chosen is None:
            self.feedback.show_message(_("请先点您的名字"), "warn")
            return
        name = self.chosen
        self.session.runner.run(lambda: self.session.login(name, pin), self._welcome, self._refused)

    def _welcome(self, actor: Actor) -> None:
        self.feedback.show_message(_("欢迎，{name}").format(name=actor.name), "ok")
        self.logged_in.emit(actor)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")

    def reset(self) -> None:
        self.pin_pad.clear()
        self.feedback.clear()
