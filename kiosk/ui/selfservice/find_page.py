"""Finding yourself by touch: a pinyin-initials pad, a house-number pad, or the name list."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from kiosk.i18n import _
from kiosk.services.selfservice import screen as selfservice
from kiosk.ui.selfservice.pads import house_pad, letters_pad
from kiosk.ui.theme import polish

SEARCH_DELAY_MS = 150


class FindPage(QWidget):
    picked = Signal(object)     # residents.Resident
    home_wanted = Signal()

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.mode = "initials"
        self.prompt = polish(QLabel(""), "title")
        self.letters, self.house = letters_pad(), house_pad()
        self.pads = QStackedWidget()
        self.pads.addWidget(self.letters)
        self.pads.addWidget(self.house)
        self.pads.addWidget(QWidget())  # the name list needs no pad
        self.results = QListWidget()
        self.results.setObjectName("find_results")
        self.results.itemClicked.connect(lambda item: self.picked.emit(item.data(Qt.ItemDataRole.UserRole)))
        back = QPushButton(_("返回首页"))
        back.setObjectName("find_back")
        back.clicked.connect(self.home_wanted)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS, timeout=self.search)
        self.letters.changed.connect(lambda _unused: self._timer.start())
        self.house.changed.connect(lambda _unused: self._timer.start())
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.pads, 3)
        self.body.addWidget(self.results, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(self.body, 1)
        layout.addWidget(back)

    def set_portrait(self, portrait: bool) -> None:
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                               else QBoxLayout.Direction.LeftToRight)
        self.body.setStretch(0, 0 if portrait else 3)   # standing up, the list takes the spare height
        self.body.setStretch(1, 1 if portrait else 2)

    def start(self, mode: str) -> None:
        self.mode = mode
        self.letters.reset()
        self.house.reset()
        self.results.clear()
        self.pads.setCurrentIndex({"initials": 0, "house": 1, "names": 2}[mode])
        self.prompt.setText({
            "initials": _("点名字的拼音首字母，比如 王小明 点 W X M"),
            "house": _("点门牌号，比如 3 组 12 号"),
            "names": _("在名单里点自己的名字")}[mode])
        if mode == "names":
            self.search()

    def stop(self) -> None:
        self._timer.stop()

    def search(self) -> None:
        ctx, mode = self.session.reader(), self.mode
        text = {"initials": self.letters.text, "house": self.house.text, "names": ""}[mode]
        if mode != "names" and not text:
            self.results.clear()
            return
        find = {"initials": lambda: selfservice.find_by_initials(ctx, text),
                "house": lambda: selfservice.find_by_house(ctx, text),
                "names": lambda: selfservice.find_by_initials(ctx, "", limit=500)}[mode]
        self.session.runner.run(find, self._show)

    def _show(self, found) -> None:
        self.results.clear()
        for resident in found:
            item = QListWidgetItem(f"{resident.name}    {resident.house_no}")
            item.setData(Qt.ItemDataRole.UserRole, resident)
            self.results.addItem(item)
        if not found:
            self.results.addItem(_("没有找到，请再点点看"))
