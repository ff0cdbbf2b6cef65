"""The home screen: 请刷卡, or find yourself by touch."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui.theme import polish


class HomePage(QWidget):
    find_by = Signal(str)       # "initials", "house" or "names"
    notices_wanted = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = polish(QLabel(title), "title")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scan = polish(QLabel(_("请刷卡")), "big")
        scan.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = polish(QLabel(_("把积分卡放到扫码器下面；没带卡，点下面的按钮找自己")), "muted")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        self.message = polish(QLabel(""), "title")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        grid = QGridLayout()
        grid.setSpacing(16)
        for index, (key, text) in enumerate((
                ("initials", _("按姓名拼音首字母找")),
                ("house", _("按门牌号找")),
                ("names", _("从名单里找")),
                ("notices", _("看公示、排行和新货")))):
            button = QPushButton(text)
            button.setObjectName(f"home_{key}")
            button.setMinimumHeight(110)
            if key == "notices":
                button.clicked.connect(self.notices_wanted)
            else:
                button.clicked.connect(lambda _unused=False, k=key: self.find_by.emit(k))
            grid.addWidget(button, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addStretch(1)
        layout.addWidget(scan)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(grid)

    def say(self, text: str) -> None:
        self.message.setText(text)
