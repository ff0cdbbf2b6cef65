"""The notice board, without logging in: this month's ranking, public notices, new goods."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QTabWidget, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.services.points import notice
from kiosk.services.selfservice import screen as selfservice
from kiosk.ui.theme import polish


class NoticePage(QWidget):
    home_wanted = Signal()

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lists = {key: QListWidget() for key in ("ranking", "notices", "goods")}
        tabs = QTabWidget()
        for key, text in (("ranking", _("本月排行")),
                          ("notices", _("公示")), ("goods", _("新到商品"))):
            self.lists[key].setObjectName(f"notice_{key}")
            tabs.addTab(self.lists[key], text)
        back = QPushButton(_("回首页"))
        back.setObjectName("notice_back")
        back.clicked.connect(self.home_wanted)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("村里的公告板")), "title"))
        layout.addWidget(tabs, 1)
        layout.addWidget(back)

    def load(self) -> None:
        ctx = self.session.reader()
        self.session.runner.run(lambda: (selfservice.ranking(ctx, "month", 20), selfservice.notices(ctx),
                                         selfservice.new_goods(ctx)), self._show)

    def _show(self, found) -> None:
        ranking, notices, goods = found
        self._fill("ranking", [f"{r.place}. {r.shown_name}  {_pts(r.earned)}" for r in ranking])
        self._fill("notices", [self._notice_line(n) for n in notices])
        self._fill("goods", [f"{g.name}  {_pts(g.price)} / {g.unit}" for g in goods])

    @staticmethod
    def _notice_line(item) -> str:
        """One line of the public notice; anything but a plain notice says its state."""
        line = f"{item.day}  {item.resident}  {item.rule}  {_pts(item.points.signed())}"
        state = notice.STATE_WORDS.get(item.status)
        return f'{line}（{_(state)}）' if state and item.status != "notice" else line

    def _fill(self, key: str, rows: list[str]) -> None:
        self.lists[key].clear()
        self.lists[key].addItems(rows or [_("（暂时没有）")])


def _pts(amount) -> str:
    return _("{amount} 分").format(amount=amount)
