"""备份 (back office): the automatic copies, a copy to a USB stick, a checked restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from kiosk.core.errors import Refused
from kiosk.i18n import N_, _
from kiosk.services.setup import backup
from kiosk.ui.theme import polish
from kiosk.ui.widgets import file_dialogs
from kiosk.ui.widgets.feedback_bar import FeedbackBar

REASON_WORDS = {"start": N_("开机时自动"), "close": N_("关机时自动"),
                "": N_("手动备份")}


class BackupSection(QWidget):
    restore_wanted = Signal(str)   # a checked backup file the manager confirmed

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.copies = QListWidget()
        self.feedback = FeedbackBar()
        self.to_usb = polish(QPushButton(_("备份到U盘…")), "primary")
        self.from_file = QPushButton(_("从备份恢复…"))
        self.to_usb.clicked.connect(self._choose_folder)
        self.from_file.clicked.connect(self._choose_file)
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("数据备份")), "title"))
        layout.addWidget(polish(QLabel(_("程序每次打开和关闭时都会自动备份一份，放在数据文件夹里。再用U盘另存一份，电脑坏了也不怕。")), "muted"))
        layout.itemAt(1).widget().setWordWrap(True)
        layout.addWidget(QLabel(_("本机已有的备份（最新的在上面）：")))
        layout.addWidget(self.copies, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.to_usb)
        buttons.addWidget(self.from_file)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)

    def load(self) -> None:
        self.copies.clear()
        for copy in backup.saved_copies(backup.default_folder(self.session.db.path)):
            when = copy.saved_at.strftime("%Y-%m-%d %H:%M")
            text = _("{when}　{value}　{value2} KB").format(when=when, value=_(REASON_WORDS[copy.reason]), value2=copy.size // 1024)
            item = QListWidgetItem(text)
            item.setData(32, str(copy.path))
            self.copies.addItem(item)
        if not self.copies.count():
            self.copies.addItem(_("还没有自动备份。"))

    def _choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, _("选择U盘或文件夹"))
        if folder:
            self.back_up_to(folder)

    def back_up_to(self, folder: str) -> None:
        self.session.runner.run(lambda: backup.backup(self.session.context(), folder, into_folder=True),
                                self._backed_up, self._refused)

    def _backed_up(self, info) -> None:
        self.feedback.show_message(_("备份完成，已检查无误：{path}（积分流水 {entries} 条）。可以拔下U盘了。").format(path=info.path, entries=info.entries), "ok")
        self.load()

    def _choose_file(self) -> None:
        path = file_dialogs.open_file(self, _("选择备份文件"), file_dialogs.filters(file_dialogs.BACKUPS))
        if path:
            self.ask_restore(path)

    def ask_restore(self, path: str, confirm=None) -> None:
        """Checks the file, shows what it holds and restores only when the manager says yes."""
        try:
            info = backup.inspect(path)
        except Refused as refusal:
            self.feedback.show_message(refusal.message(), "bad")
            return
        if (confirm or self._confirm)(info):
            self.restore_wanted.emit(str(Path(path)))

    def _confirm(self, info) -> bool:
        last = info.last_entry_at or _("没有流水")
        text = _("这份备份是“{village}”的，有积分流水 {entries} 条，最后一笔在 {last}。\n\n恢复会用它替换现在的全部数据（现在的数据会先另存一份）。恢复后请重新登录。确定恢复吗？").format(village=info.village, entries=info.entries, last=last)
        answer = QMessageBox.question(self, _("从备份恢复"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
