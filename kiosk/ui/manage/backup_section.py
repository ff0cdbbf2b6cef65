"""备份 (back office): the automatic copies, a copy to a USB stick, a checked restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from kiosk.core.errors import Refused
from kiosk.i18n import tr
from kiosk.services import backup
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar

REASON_WORDS = {"start": ("开机时自动", "automatic, at start"), "close": ("关机时自动", "automatic, at close"),
                "": ("手动备份", "made by hand")}


class BackupSection(QWidget):
    restore_wanted = Signal(str)   # a checked backup file the manager confirmed

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.copies = QListWidget()
        self.feedback = FeedbackBar()
        self.to_usb = polish(QPushButton(tr("备份到U盘…", "Back up to a USB stick…")), "primary")
        self.from_file = QPushButton(tr("从备份恢复…", "Restore from a backup…"))
        self.to_usb.clicked.connect(self._choose_folder)
        self.from_file.clicked.connect(self._choose_file)
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(tr("数据备份", "Backups")), "title"))
        layout.addWidget(polish(QLabel(tr(
            "程序每次打开和关闭时都会自动备份一份，放在数据文件夹里。再用U盘另存一份，电脑坏了也不怕。",
            "The program saves a copy every time it opens and closes, in its data folder. "
            "Keep another on a USB stick in case the PC dies.")), "muted"))
        layout.itemAt(1).widget().setWordWrap(True)
        layout.addWidget(QLabel(tr("本机已有的备份（最新的在上面）：", "Copies on this PC (newest first):")))
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
            text = tr(f"{when}　{tr(*REASON_WORDS[copy.reason])}　{copy.size // 1024} KB",
                      f"{when}  {tr(*REASON_WORDS[copy.reason])}  {copy.size // 1024} KB")
            item = QListWidgetItem(text)
            item.setData(32, str(copy.path))
            self.copies.addItem(item)
        if not self.copies.count():
            self.copies.addItem(tr("还没有自动备份。", "No automatic copies yet."))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("选择U盘或文件夹", "Choose the USB stick or a folder"))
        if folder:
            self.back_up_to(folder)

    def back_up_to(self, folder: str) -> None:
        self.session.runner.run(lambda: backup.backup(self.session.context(), folder, into_folder=True),
                                self._backed_up, self._refused)

    def _backed_up(self, info) -> None:
        self.feedback.show_message(tr(
            f"备份完成，已检查无误：{info.path}（积分流水 {info.entries} 条）。可以拔下U盘了。",
            f"Backup written and checked: {info.path} ({info.entries} entries). The stick can come out."), "ok")
        self.load()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择备份文件", "Choose a backup file"),
                                              "", tr("备份文件 (*.sqlite)", "Backups (*.sqlite)"))
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
        last = info.last_entry_at or tr("没有流水", "none")
        text = tr(f"这份备份是“{info.village}”的，有积分流水 {info.entries} 条，最后一笔在 {last}。\n\n"
                  "恢复会用它替换现在的全部数据（现在的数据会先另存一份）。恢复后请重新登录。确定恢复吗？",
                  f"This backup is of “{info.village}”, with {info.entries} entries, the last at {last}.\n\n"
                  "Restoring replaces all current data (a copy of it is kept first). Log in again afterwards. Restore?")
        answer = QMessageBox.question(self, tr("从备份恢复", "Restore from a backup"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
