"""The counter window: lays out the pages and the top bar, nothing more.

Only the login page is built before the window first shows; the exchange page
is built right after (while the volunteer types a PIN), so the counter is ready
to log in about as fast as an empty Qt window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QMainWindow, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from kiosk.i18n import _, _p, word
from kiosk.messages.values import ROLE_WORDS
from kiosk.services.stock import food_dates
from kiosk.ui.counter.login_page import LoginPage
from kiosk.ui.counter.scan_routing import hand_to, scan_blocker
from kiosk.ui.counter.scanner import ScannerFilter
from kiosk.ui.theme import polish

DEFAULT_IDLE_MINUTES = 10
EXCHANGE_AFTER_MS = 250


class CounterWindow(QMainWindow):
    refunded = Signal(object)   # refunds.Refund: the printer prints its slip

    def __init__(self, session, title: str, idle_minutes: int = DEFAULT_IDLE_MINUTES) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(title)
        self.login = LoginPage(session, title)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.login)
        self._exchange = None
        self._manage = None
        self.jobs = None
        self.dialog = None
        self.shop_name = polish(QLabel(title), "title")   # the login page shows it big instead
        self.shop_name.setObjectName("shop_name")
        self.operator = polish(QLabel(""), "title")
        self.operator.setObjectName("operator_name")
        self.sync_status = polish(QLabel(""), "muted")   # kiosk.ui.sync_job shows it when enrolled
        self.sync_status.setObjectName("sync_status")
        self.sync_status.setVisible(False)
        self.sync_status.setMinimumWidth(1)   # a long status (⚠ refused …) is cut short, never widens the bar
        self.actions = self._action_buttons()
        self.scanner = ScannerFilter(self)
        self.scanner.scanned.connect(self._scanned)
        self.idle = QTimer(self, singleShot=True, interval=max(1, idle_minutes) * 60_000,
                           timeout=self.lock)
        self.login.logged_in.connect(self._logged_in)
        # builds the exchange page once the login screen has painted (a quick login
        # builds it on demand instead); owned by the window, so it dies with it
        self._warm_up = QTimer(self, singleShot=True, interval=EXCHANGE_AFTER_MS,
                               timeout=lambda: self.exchange)
        self._lay_out()

    @property
    def exchange(self):
        """The exchange page, built on first need."""
        if self._exchange is None:
            self._build_exchange()
        return self._exchange

    def _build_exchange(self) -> None:
        from kiosk.ui.counter.exchange_page import ExchangePage
        from kiosk.ui.counter.receipt_jobs import ReceiptJobs

        page = ExchangePage(self.session)
        self._exchange = page
        self.pages.addWidget(page)
        self.jobs = ReceiptJobs(self.session, self)
        page.receipt_scanned.connect(self.open_refund)
        page.sale_done.connect(lambda sale: self.jobs.print_sale(sale.receipt))
        page.reprint_wanted.connect(self._reprint)
        self.jobs.finished.connect(page.show_print_outcome)
        self.refunded.connect(lambda result: self.jobs.print_refund(result.id))
        page.load()

    def _action_buttons(self) -> dict[str, QPushButton]:
        buttons = {}
        for key, text in (("claim", _p("main_window", "申报")), ("refund", _p("main_window", "退货")),
                          ("shift", _("交班")),
                          ("notice", _p("main_window", "公示")),
                          ("manage", _("管理")), ("settings", _("设置")), ("lock", _("锁屏"))):
            button = polish(QPushButton(text), "quiet")
            button.setObjectName(f"action_{key}")
            buttons[key] = button
        buttons["lock"].clicked.connect(self.lock)
        buttons["refund"].clicked.connect(lambda: self.open_refund(""))
        buttons["shift"].clicked.connect(self.open_shift)
        buttons["settings"].clicked.connect(self.open_settings)
        buttons["manage"].clicked.connect(lambda: self.open_manage())
        buttons["notice"].clicked.connect(self.open_notice)
        buttons["claim"].clicked.connect(self.open_claim)
        return buttons

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.shop_name)
        heading.addWidget(self.sync_status)   # under the shop's name, so the buttons keep their room
        bar.addLayout(heading, 1)
        bar.addWidget(self.operator)
        for button in self.actions.values():
            bar.addWidget(button)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._show_bar(False)

    def _show_bar(self, visible: bool) -> None:
        """The bar's buttons and names once someone is logged in; before that the login
        page's own big heading names the shop, once."""
        self.shop_name.setVisible(visible)
        for button in self.actions.values():
            button.setVisible(visible)
        self.operator.setVisible(visible)

    def start(self) -> None:
        QApplication.instance().installEventFilter(self.scanner)
        QApplication.instance().installEventFilter(self)
        self.login.load()
        self._warm_up.start()

    def _logged_in(self, actor) -> None:
        self.operator.setText(_("操作员：{name}（{value}）").format(name=actor.name, value=word(ROLE_WORDS, actor.role.value)))
        self._show_bar(True)
        for key in ("settings", "manage"):
            self.actions[key].setVisible(actor.role.value == "manager")
        self.exchange.reset()
        self.pages.setCurrentWidget(self.exchange)
        self.idle.start()
        if actor.role.value == "manager":     # 临期: said to managers as they start
            self.session.runner.run(lambda: food_dates.near_expiry(self.session.reader()),
                                    self._note_expiring, lambda _error: None)

    def _note_expiring(self, found) -> None:
        if not found:
            return
        expired = sum(1 for batch in found if batch.expired)
        self.exchange.feedback.show_message(_("临期提醒：{count} 批商品快到保质期，其中 {expired} 批已过期。请到“管理 → 缺货提醒”查看。").format(count=len(found), expired=expired), "warn")

    @property
    def manage(self):
        """The back-office page, built on first need."""
        if self._manage is None:
            from kiosk.ui.manage.page import ManagePage

            self._manage = ManagePage(self.session)
            self._manage.done.connect(self.back_to_exchange)
            self._manage.restore_wanted.connect(self.restore_from)
            self.pages.addWidget(self._manage)
        return self._manage

    def open_manage(self, section: str | None = None):
        """The manager's back office; a section opened at once if named."""
        self.pages.setCurrentWidget(self.manage)
        return self.manage.open(section) if section else self.manage

    def restore_from(self, backup_file: str) -> None:
        """Swap in a backup, then everyone logs in again on the restored books."""
        from kiosk.core.errors import Refused

        try:
            result = self.session.restore(backup_file)
        except Refused as refusal:
            self.manage.built["backup"].feedback.show_message(refusal.message(), "bad")
            return
        self.pages.removeWidget(self._manage)
        self._manage.deleteLater()
        self._manage = None
        self.lock()
        self.login.load()
        self.exchange.load()
        kept = result.replaced_copy.name if result.replaced_copy else ""
        self.login.feedback.show_message(_("已从备份恢复（积分流水 {entries} 条）。原来的数据另存为 {kept}。请重新登录。").format(entries=result.info.entries, kept=kept),
            "bad" if result.problems else "ok")

    def back_to_exchange(self) -> None:
        if self.session.actor is not None:
            self.pages.setCurrentWidget(self.exchange)

    def lock(self) -> None:
        """Back to the login screen; the cart and resident are cleared, nothing is lost."""
        self.session.logout()
        if self._exchange is not None:
            self._exchange.reset()
        self.login.reset()
        self._show_bar(False)
        self.pages.setCurrentWidget(self.login)
        self.idle.stop()

    def open_refund(self, receipt: str):
        from kiosk.ui.counter.refund_dialog import RefundDialog

        self.dialog = RefundDialog(self.session, receipt, self)
        self.dialog.refunded.connect(self._refunded)
        self.dialog.open()
        return self.dialog

    def _refunded(self, result) -> None:
        self.exchange.feedback.show_message(
            _("已退货：小票 {receipt}，退回 {total} 分，余额 {balance_after} 分").format(receipt=result.receipt, total=result.total, balance_after=result.balance_after), "ok")
        self.refunded.emit(result)

    def _reprint(self) -> None:
        if self.jobs.last_sale:
            self.jobs.print_sale(self.jobs.last_sale, copy=True)

    def cross_settled(self, settled) -> None:
        """A background sync asked again about 外村兑换 that waited (kiosk.ui.sync_job): the exchange
        page counts what still waits."""
        self.exchange.visitor_mode.settled(settled)

    def cross_notes_due(self) -> None:
        """After every round and each minute (kiosk.ui.sync_job): the notes of 外村兑换 a round closed,
        this window's or another program's (`kiosk sync now`), as the books keep them."""
        self.exchange.visitor_mode.show_notes()

    def open_settings(self):
        """The 设置 button: the back office's settings section."""
        return self.open_manage("settings")

    def open_notice(self):
        """What is on public notice (公示) now; anyone at the counter may record an objection."""
        from kiosk.ui.manage.notice_dialog import NoticeDialog

        self.dialog = NoticeDialog(self.session, self)
        self.dialog.open()
        return self.dialog

    def open_claim(self):
        """申报: a volunteer (or manager) files points for a resident; they wait for review."""
        from kiosk.ui.counter.claim_dialog import ClaimDialog

        self.dialog = ClaimDialog(self.session, self)
        self.dialog.open()
        return self.dialog

    def open_shift(self):
        from kiosk.ui.counter.shift_dialog import ShiftDialog

        self.dialog = ShiftDialog(self.session, self)
        self.dialog.open()
        return self.dialog

    def _scanned(self, code: str) -> None:
        """A scan goes to the open dialog if it takes scans, else to the page on show."""
        if self.session.actor is None:
            self.login.feedback.show_message(_("请先登录，再扫码（扫到 {code}）").format(code=code), "warn")
            return
        dialog = scan_blocker(self)
        if dialog is not None:
            hand_to(dialog, code, self.exchange.feedback)
        elif self.pages.currentWidget() is self._exchange:
            self._exchange.on_scan(code)
        elif self._manage is not None and self.pages.currentWidget() is self._manage:
            self._manage.on_scan(code)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                            QEvent.Type.TouchBegin) and self.idle.isActive():
            self.idle.start()
        return False

    def closeEvent(self, event) -> None:  # noqa: N802
        self._warm_up.stop()
        self.idle.stop()
        QApplication.instance().removeEventFilter(self.scanner)
        QApplication.instance().removeEventFilter(self)
        super().closeEvent(event)
