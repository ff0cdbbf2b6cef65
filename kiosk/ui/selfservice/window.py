"""The touchscreen window: pages, a scanner, elder mode, and the return home after idle time."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QMainWindow, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from kiosk.core.barcodes import looks_like_barcode
from kiosk.core.receipts import normalise_receipt
from kiosk.i18n import _
from kiosk.services.selfservice import screen as selfservice
from kiosk.ui.counter.scanner import ScannerFilter
from kiosk.ui.selfservice.find_page import FindPage
from kiosk.ui.selfservice.home_page import HomePage
from kiosk.ui.selfservice.notice_page import NoticePage
from kiosk.ui.selfservice.resident_page import ResidentPage
from kiosk.ui.selfservice.style import SHORT_SCREEN, stylesheet
from kiosk.ui.theme import polish

DEFAULT_IDLE_SECONDS = 30
_TOUCHES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress)


class SelfServiceWindow(QMainWindow):
    def __init__(self, session, title: str, idle_seconds: int = DEFAULT_IDLE_SECONDS) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(title)
        self.elder = False
        self.idle_seconds = max(5, idle_seconds)
        self.left = self.idle_seconds
        self.home = HomePage(title)
        self.finder = FindPage(session)
        self.resident = ResidentPage(session)
        self.notices = NoticePage(session)
        self.pages = QStackedWidget()
        for page in (self.home, self.finder, self.resident, self.notices):
            self.pages.addWidget(page)
        self.countdown = polish(QLabel(""), "countdown")
        self.countdown.setObjectName("countdown")
        self.elder_button = QPushButton(_("长辈模式（字大）"))
        self.elder_button.setObjectName("elder_mode")
        self.elder_button.clicked.connect(lambda: self.set_elder(not self.elder))
        self.ticker = QTimer(self, interval=1000, timeout=self._tick)
        self.scanner = ScannerFilter(self)
        self.scanner.scanned.connect(self.on_scan)
        self._connect()
        self._lay_out()
        self.set_elder(False)

    def _connect(self) -> None:
        self.home.find_by.connect(self.find)
        self.home.notices_wanted.connect(self.show_notices)
        self.finder.picked.connect(self.show_resident)
        for page in (self.finder, self.resident, self.notices):
            page.home_wanted.connect(self.go_home)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.countdown, 1)
        bar.addWidget(self.elder_button)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def start(self) -> None:
        QApplication.instance().installEventFilter(self.scanner)
        QApplication.instance().installEventFilter(self)
        self.go_home()

    # --- pages ---------------------------------------------------------------
    def go_home(self) -> None:
        """Back to 请刷卡; nothing of the last person stays on screen."""
        self.resident.clear()
        self.finder.stop()
        self.finder.results.clear()
        self.home.say("")
        self.pages.setCurrentWidget(self.home)
        self.ticker.stop()
        self.countdown.setText("")

    def _away_from_home(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self.left = self.idle_seconds
        self._show_countdown()
        self.ticker.start()

    def find(self, mode: str) -> None:
        self.finder.start(mode)
        self._away_from_home(self.finder)

    def show_resident(self, resident) -> None:
        self.resident.show_resident(resident)
        self._away_from_home(self.resident)

    def show_notices(self) -> None:
        self.notices.load()
        self._away_from_home(self.notices)

    def on_scan(self, code: str) -> None:
        ctx = self.session.reader()
        self.session.runner.run(lambda: selfservice.find_by_card(ctx, code),
                                lambda resident: self._scanned(code, resident))

    def _scanned(self, code: str, resident) -> None:
        if resident is None:
            self.go_home()
            self.home.say(_not_a_card(code))
            return
        self.show_resident(resident)

    # --- idle and elder mode ---------------------------------------------------
    def _tick(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.go_home()
        else:
            self._show_countdown()

    def _show_countdown(self) -> None:
        self.countdown.setText(_("{left} 秒后回到首页（点一下屏幕就继续）").format(left=self.left))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _TOUCHES and self.ticker.isActive():
            self.left = self.idle_seconds
            self._show_countdown()
        return False

    def set_elder(self, on: bool) -> None:
        self.elder = on
        self._restyle()
        self.elder_button.setText(_("普通模式") if on else _("长辈模式（字大）"))

    def _restyle(self) -> None:
        short = self.height() < SHORT_SCREEN
        if (self.elder, short) != getattr(self, "_styled", None):
            self._styled = (self.elder, short)
            self.setStyleSheet(stylesheet(self.elder, short))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._restyle()
        self.finder.set_portrait(self.height() > self.width())

    def closeEvent(self, event) -> None:  # noqa: N802
        self.ticker.stop()
        self.finder.stop()
        QApplication.instance().removeEventFilter(self.scanner)
        QApplication.instance().removeEventFilter(self)
        super().closeEvent(event)


def _not_a_card(code: str) -> str:
    """What to tell a resident whose scan found nobody: goods and receipts are not cards."""
    if looks_like_barcode(code) or normalise_receipt(code):   # a receipt's barcode is 12 digits too
        return _("这是商品或小票上的条码，不是积分卡：请扫您的积分卡，或点下面的按钮找自己")
    return _("这张卡（{code}）不认识：请拿卡给柜台的志愿者看看").format(code=code)
