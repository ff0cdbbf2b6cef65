"""The volunteer's short list of what is on public notice, where an objection can be recorded."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui.manage.notice_section import NoticeSection
from kiosk.ui.theme import polish


class NoticeDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("公示"))
        self.section = NoticeSection(session, compact=True)
        close = polish(QPushButton(_("关闭")), "quiet")
        close.setObjectName("notice_close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.section, 1)
        layout.addWidget(close)
        self.resize(1100, 640)
        self.section.load()
