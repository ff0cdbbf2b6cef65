"""The enrolment part of 同步: township address + one-time code; re-enrolment only after a yes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout

from kiosk.config import SYNC_ENROL_CODE, SYNC_URL
from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.services.setup import settings
from kiosk.services.sync import admin as sync_admin
from kiosk.ui.manage.points_parts import button
from kiosk.ui.manage.stock_parts import line_edit
from kiosk.ui.theme import polish


class EnrolPanel(QFrame):
    enrolled = Signal(str)          # the terminal id the township gave
    said = Signal(str, str)         # words for the section's feedback bar, and their kind

    def __init__(self, session, http) -> None:
        super().__init__()
        self.session, self.http = session, http
        self.setProperty("role", "panel")
        self.confirm = self._ask
        self.known = None            # the last Overview shown
        self.who = QLabel("")
        self.who.setObjectName("sync_who")
        self.who.setWordWrap(True)
        self.url = line_edit("sync_url", _("乡镇服务器地址"))
        self.code = line_edit("sync_code", _("接入码（乡镇给的，一次性）"))
        self.go = button(_("接入乡镇"), "sync_enrol", self.enrol, "primary")
        self.again = button(_("重新接入…"), "sync_reenrol", self.show_form, "quiet")
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_p("sync_enrol_panel", "接入乡镇")), "title"))
        top = QHBoxLayout()
        top.addWidget(self.who, 1)
        top.addWidget(self.again)
        layout.addLayout(top)
        layout.addWidget(self.url)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.go)
        layout.addLayout(row)

    def present(self, seen: sync_admin.Overview) -> None:
        self.known = seen
        if seen.enrolled:
            last = seen.last_ok_at[:16] if seen.last_ok_at else _("还没有")
            self.who.setText(_("已接入：{server_url}\n本机：{which}\n上次联系：{last}").format(server_url=seen.server_url, which=seen.which, last=last))
        else:
            self.who.setText(_("这台电脑还没有接入乡镇。请照乡镇给的纸条，填上服务器地址和接入码："))
            self._fill_in_what_was_kept(seen)
        self._form_visible(not seen.enrolled)

    def _fill_in_what_was_kept(self, seen: sync_admin.Overview) -> None:
        """The address and code the setup wizard (or 设置 → 乡镇联网) kept, so nobody types them twice."""
        ctx = self.session.reader()
        if not self.url.text():
            self.url.setText(seen.server_url or settings.value(ctx, SYNC_URL))
        if not self.code.text():
            self.code.setText(settings.value(ctx, SYNC_ENROL_CODE))

    def _form_visible(self, shown: bool) -> None:
        for widget in (self.url, self.code, self.go):
            widget.setVisible(shown)
        self.again.setVisible(not shown)

    def show_form(self) -> None:
        self.url.setText(self.known.server_url if self.known else "")
        self._form_visible(True)
        self.code.setFocus()

    def enrol(self) -> None:
        replace = bool(self.known and self.known.enrolled)
        if replace and not self.confirm(self.known):
            return
        url, code, ctx = self.url.text(), self.code.text(), self.session.context()

        def call():
            with self.http() as http:
                return sync_admin.enrol(ctx, url, code, http, replace=replace)

        self.session.runner.run(call, self._done, self._refused)

    def _done(self, terminal_id: str) -> None:
        self.code.clear()
        self.said.emit(_("已接入乡镇，以后会自动同步。"), "ok")
        self.enrolled.emit(terminal_id)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.said.emit(error.message(), "bad")

    def _ask(self, seen: sync_admin.Overview) -> bool:
        text = _("这台电脑已经接入乡镇（{which}）。\n\n重新接入后，本机的记录会重新上传一遍（乡镇不会重复记账）。确定重新接入吗？").format(which=seen.which)
        answer = QMessageBox.question(self, _("重新接入乡镇"), text)
        return answer == QMessageBox.StandardButton.Yes
