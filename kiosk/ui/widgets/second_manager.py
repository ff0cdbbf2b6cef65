"""回避 at the screen: when a service says a second manager must confirm, ask for their PIN.

Every screen runs its service calls through the session's runner; this runner wraps
it. A refusal that needs a second manager opens SecondManagerDialog; when another
manager gives their name and PIN the same call runs again with them standing by
(the service checks everything again and the audit row names them). Cancelled, or
a wrong PIN: the screen shows the refusal as it would have.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from kiosk.core.errors import Refused
from kiosk.i18n import _
from kiosk.services.people import operators
from kiosk.ui.theme import polish

NEEDS_SECOND = frozenset({"conflict_second_needed", "operator_relink_needs_second", "adjust_month_needs_second"})


class SecondManagerDialog(QDialog):
    def __init__(self, why: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("需要另一位管理员确认"))
        reason = QLabel(why)
        reason.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("second_name")
        self.name.setPlaceholderText(_("另一位管理员的姓名"))
        self.pin = QLineEdit()
        self.pin.setObjectName("second_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(_("他的密码"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("确认"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("回避：请另一位管理员当场输入密码")), "title"))
        layout.addWidget(reason)
        layout.addWidget(self.name)
        layout.addWidget(self.pin)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, why: str) -> tuple[str, str] | None:
        """(name, PIN) of the manager who confirms, or None when cancelled (tests replace this)."""
        dialog = cls(why, QApplication.activeWindow())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.name.text().strip(), dialog.pin.text()


class SecondManagerRunner:
    """The session's runner, asking for a second manager when a service needs one."""

    def __init__(self, inner, session) -> None:
        self.inner = inner
        self.session = session

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def run(self, call, on_done=None, on_error=None):
        def failed(error: BaseException) -> None:
            if not isinstance(error, Refused) or error.code not in NEEDS_SECOND \
                    or self.session.second is not None:
                return _hand(on_error, error)
            confirmed = self._confirm(error)
            if confirmed is not None:
                return _hand(on_error, confirmed)
            self.inner.run(call, lambda result: self._after(on_done, result),
                           lambda again: self._after(on_error, again, failed=True))
        return self.inner.run(call, on_done, failed)

    def _confirm(self, refusal: Refused) -> BaseException | None:
        """None when a second manager now stands by; else what to show instead."""
        answer = SecondManagerDialog.ask(refusal.message())
        if answer is None:
            return refusal
        try:
            confirmed = operators.second_manager(self.session.context(), *answer)
        except Refused as wrong:
            return wrong
        self.session.second = confirmed.second
        return None

    def _after(self, then, value, failed: bool = False) -> None:
        self.session.second = None
        if failed:
            _hand(then, value)
        elif then is not None:
            then(value)


def _hand(on_error, error: BaseException) -> None:
    if on_error is None:
        raise error
    on_error(error)
