"""同步 (back office): the township connection, the sync status, USB bundles, refused records."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.i18n import _, message
from kiosk.services.sync import admin as sync_admin
from kiosk.sync import client
from kiosk.ui import sync_job
from kiosk.ui.manage.points_parts import button
from kiosk.ui.manage.sync_enrol_panel import EnrolPanel
from kiosk.ui.manage.review_tasks_panel import ReviewTasksPanel
from kiosk.ui.manage.sync_kept_panel import KeptPanel
from kiosk.ui.theme import polish
from kiosk.ui.widgets import file_dialogs
from kiosk.ui.widgets.feedback_bar import FeedbackBar


class SyncSection(QWidget):
    def __init__(self, session, http=sync_admin.township_client) -> None:
        super().__init__()
        self.session, self.http = session, http
        self.start_job = sync_job.start          # after a first enrolment: sync without a restart
        self.seen: sync_admin.Overview | None = None
        self.line = polish(QLabel(""), "title")
        self.line.setObjectName("sync_line")
        self.line.setWordWrap(True)
        self.error = polish(QLabel(""), "muted")
        self.error.setObjectName("sync_error")
        self.error.setWordWrap(True)
        self.clashes = QLabel("")
        self.clashes.setObjectName("sync_clashes")
        self.clashes.setWordWrap(True)
        self.clashes.setVisible(False)
        self.healed = QLabel("")
        self.healed.setObjectName("sync_healed")
        self.healed.setWordWrap(True)
        self.healed.setVisible(False)
        self.now = button(_("立即同步"), "sync_now", self.sync_now, "primary")
        self.export = button(_("导出同步包…"), "sync_export", self._choose_folder)
        self.take = button(_("导入回执包…"), "sync_import", self._choose_reply)
        self.enrol = EnrolPanel(session, lambda: self.http())
        self.kept = KeptPanel(session)
        self.returned = ReviewTasksPanel(session)
        self.feedback = FeedbackBar()
        for part in (self.enrol, self.kept, self.returned):
            part.said.connect(self.feedback.show_message)
        self.enrol.enrolled.connect(self._enrolled)
        self.kept.changed.connect(self.load)
        self.returned.changed.connect(self.load)
        self._lay_out()

    def _lay_out(self) -> None:
        status = QFrame()
        status.setProperty("role", "panel")
        box = QVBoxLayout(status)
        box.addWidget(self.line)
        box.addWidget(self.error)
        box.addWidget(self.healed)
        box.addWidget(self.now)
        usb = QHBoxLayout()
        usb.addWidget(self.export)
        usb.addWidget(self.take)
        box.addLayout(usb)
        left = QVBoxLayout()
        left.addWidget(polish(QLabel(_("和乡镇同步")), "title"))
        left.addWidget(status)
        left.addWidget(self.clashes)
        left.addWidget(self.enrol)
        left.addWidget(self.returned)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addWidget(self.kept, 6)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.feedback)

    def load(self) -> None:
        ctx = self.session.context()
        self.session.runner.run(lambda: sync_admin.overview(ctx), self._show)
        self.kept.load()
        self.returned.load()
        self._refresh_bar()

    def _show(self, seen: sync_admin.Overview) -> None:
        self.seen = seen
        self.line.setText(seen.line)
        when = _("（{value} 起）").format(value=seen.offline_since[:16]) \
            if seen.offline_since else ""
        self.error.setText(_("上次出错{when}：{last_error}").format(when=when, last_error=seen.last_error)
                           if seen.last_error else "")
        self.error.setVisible(bool(seen.last_error))
        warnings = (*seen.clashes, *seen.limits_passed)
        self.clashes.setText("\n".join(f"⚠ {words}" for words in warnings))
        self.clashes.setVisible(bool(warnings))
        self.healed.setText("\n".join(seen.healed))
        self.healed.setVisible(bool(seen.healed))
        for widget in (self.now, self.export, self.take):
            widget.setEnabled(seen.enrolled)
        self.enrol.present(seen)

    def sync_now(self) -> None:
        ctx = self.session.context()
        self.now.setEnabled(False)
        self.feedback.show_message(_("正在和乡镇同步…"), "info")

        def call():
            with self.http() as http:
                return sync_admin.sync_now(ctx, http)

        self.session.runner.run(call, self._synced, self._refused)

    def _synced(self, result: client.SyncResult) -> None:
        self.feedback.show_message(sync_admin.result_words(result), "ok" if result.ok else "bad")
        self.load()

    def _choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, _("选择U盘或文件夹"))
        if folder:
            self.export_to(folder)

    def export_to(self, folder: str) -> None:
        ctx = self.session.context()
        self.session.runner.run(lambda: sync_admin.export_to(ctx, folder), self._exported, self._refused)

    def _exported(self, done) -> None:
        self.feedback.show_message(_("已写出 {count} 条记录到 {path}。请把U盘带到乡镇。").format(count=done.count, path=done.path),
                                   "ok")

    def _choose_reply(self) -> None:
        path = file_dialogs.open_file(self, _("选择乡镇发回的回执包"), file_dialogs.filters(file_dialogs.REPLIES))
        if path:
            self.import_reply(path)

    def import_reply(self, path: str) -> None:
        ctx = self.session.context()
        self.session.runner.run(lambda: sync_admin.import_reply(ctx, path), self._imported, self._refused)

    def _imported(self, done) -> None:
        if done.disproved:
            self.feedback.show_message(message("sync_restore_disproved"), "bad")
            self.load()
            return
        self.feedback.show_message(_("回执已导入：收到 {received} 条，新记入 {applied} 条，{already} 条以前已导入。").format(received=done.received, applied=done.applied, already=done.already),
                                   "bad" if done.went_back else "ok")
        self.load()

    def _enrolled(self, _terminal_id: str) -> None:
        window = self.window()
        if hasattr(window, "sync_status") and not window.findChildren(sync_job.SyncJob):
            self.start_job(window)
        self.load()

    def _refresh_bar(self) -> None:
        for job in self.window().findChildren(sync_job.SyncJob):
            job.refresh()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.now.setEnabled(bool(self.seen and self.seen.enrolled))
        self.feedback.show_message(error.message(), "bad")
