"""外村村民 at the counter: a resident of another village redeems here (积分互认), online only.

The 外村村民 button opens a small window: choose their village (every village numbers its
cards from JF000001, so a card means someone only within its village; the list is the
township's villages, learnt at sync and again when the window opens), scan or type their
card, see who they are, their home village and their points converted into ours; then the normal cart, and 确认兑换 asks
the township. The exchange is written down before asking (kiosk/services/sync/cross_pending.py):
if the answer is lost, 确认兑换 asks again with the same id (what was written down, never
taken twice), or the sync settles it later; the banner says how many wait meanwhile, and what a
background sync settled (this window's, or `kiosk sync now`'s) stays said above the cart until
acknowledged, as the books keep it (kiosk/ui/counter/settled_notes.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.i18n import _, _p
from kiosk.services.sync import cross_notes, cross_village
from kiosk.ui.counter.settled_notes import SettledNotes
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.latin import latin_only


def visitor_words(v) -> str:
    return _("外村村民 {name}（{home_village}，卡号 {card}）：可用 {value} 分（{home_village} {value2} 分，1 分 = {rate} 分）").format(name=v.name, home_village=v.home_village, card=v.card, value=Points(v.balance_here), value2=Points(v.balance_home), rate=v.rate)


class VisitorDialog(QDialog):
    """Scan or type the visitor's card; shows who they are before the cart starts."""
    chosen = Signal(object)   # kiosk.sync.cross.Visitor

    def __init__(self, mode: VisitorMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode, self.visitor = mode, None
        self.setWindowTitle(_("外村村民"))
        self.village = QComboBox()
        self.village.setObjectName("visitor_village")
        self.set_villages([])
        self.card = QLineEdit()
        self.card.setObjectName("visitor_card")
        self.card.setPlaceholderText(_("扫他的卡，或输入卡号"))
        self.card.returnPressed.connect(self.find)
        latin_only(self.card)
        find = polish(QPushButton(_("查询")), "quiet")
        find.setObjectName("visitor_find")
        find.clicked.connect(self.find)
        self.info = polish(QLabel(_("外村村民只能在联网时兑换，积分按乡镇公布的比例换算。")), "title")
        self.info.setObjectName("visitor_info")
        self.info.setWordWrap(True)
        self.feedback = FeedbackBar()
        self.feedback.setMinimumHeight(96)   # a refusal is two lines at this width
        self.use = polish(QPushButton(_("用他的积分兑换")), "primary")
        self.use.setObjectName("visitor_use")
        self.use.setEnabled(False)
        self.use.clicked.connect(self._use)
        cancel = polish(QPushButton(_("取消")), "quiet")
        cancel.clicked.connect(self.reject)
        row, buttons, village_row = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        village_row.addWidget(QLabel(_("他是哪个村的：")))
        village_row.addWidget(self.village, 1)
        row.addWidget(self.card, 1)
        row.addWidget(find)
        buttons.addWidget(cancel, 1)
        buttons.addWidget(self.use, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("外村村民兑换（积分互认）")), "title"))
        layout.addLayout(village_row)
        layout.addLayout(row)
        layout.addWidget(self.info, 1)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)
        self.resize(720, 420)

    def set_villages(self, villages) -> None:
        """The township's other villages (kiosk.services.sync.cross_village.Village); a choice made stays."""
        chosen = self.village.currentData()
        self.village.clear()
        self.village.addItem(_("请选择他的村"), None)
        for village in villages:
            self.village.addItem(village.name, village.id)
        self.village.setCurrentIndex(max(0, self.village.findData(chosen)) if chosen else 0)

    def choose_village(self, name: str) -> bool:
        index = self.village.findText(name)
        if index > 0:
            self.village.setCurrentIndex(index)
        return index > 0

    def on_scan(self, code: str) -> None:
        """A card scanned while this window is open is the visitor's."""
        self.take_card(code)

    def take_card(self, code: str) -> None:
        self.card.setText(code)
        self.find()

    def find(self) -> None:
        self.visitor = None
        self.use.setEnabled(False)
        self.feedback.show_message(_("正在问乡镇……"), "info")
        self.mode.look_up(self.village.currentData(), self.card.text(), self._found, self._refused)

    def _found(self, visitor) -> None:
        self.visitor = visitor
        self.info.setText(visitor_words(visitor))
        self.feedback.show_message(_("找到了。请点“用他的积分兑换”，再像平常一样加商品。"), "ok")
        self.use.setEnabled(True)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")

    def _use(self) -> None:
        if self.visitor is not None:
            self.chosen.emit(self.visitor)
            self.accept()


class VisitorMode(QObject):
    """The exchange page's visitor: set while a visiting resident is at the counter."""

    def __init__(self, page) -> None:
        super().__init__(page)
        self.page, self.session = page, page.session
        self.visitor = None
        self.http: cross_village.Client | None = None    # one client for the counter's life; tests set their own
        self.dialog: VisitorDialog | None = None
        self._unanswered: tuple[str, str] | None = None   # (approval id, card) asked, no answer yet
        self._asking: tuple[str, str] | None = None
        self.waiting = 0                                   # exchanges of any visitor still unanswered
        self.button = polish(QPushButton(_p("visitor_mode", "外村村民")), "quiet")
        self.button.setObjectName("visitor")
        self.button.clicked.connect(self.open)
        self.banner = polish(QLabel(""), "title")
        self.banner.setObjectName("visitor_banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.notes = SettledNotes()          # what a background sync settled, not acknowledged yet
        self.notes.print_wanted.connect(self.print_slip)
        self.notes.acknowledge_wanted.connect(self.acknowledge)

    def client(self) -> cross_village.Client:
        if self.http is None:
            self.http = cross_village.township_client()
        return self.http

    def open(self) -> VisitorDialog:
        self.dialog = VisitorDialog(self, self.page)
        self.dialog.chosen.connect(self.take)
        self.dialog.open()
        self.dialog.card.setFocus()
        self.load_villages(self.dialog)
        return self.dialog

    def load_villages(self, dialog: VisitorDialog) -> None:
        """The villages as last learnt at once, then as the township lists them now (online)."""
        session, http = self.session, self.client()
        session.runner.run(lambda: cross_village.villages(session.reader()), dialog.set_villages, lambda _e: None)
        session.runner.run(lambda: cross_village.learn_villages(session.context(), http), dialog.set_villages,
                           lambda _e: None)     # offline: the list kept stays; a look-up says why

    def take_scan(self, code: str) -> bool:
        """A card scanned while the visitor window is open is theirs, not a local resident's."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.take_card(code)
            return True
        return False

    def look_up(self, village_id: str | None, card: str, done, refused) -> None:
        session, http = self.session, self.client()
        session.runner.run(lambda: cross_village.look_up(session.context(), http, village_id, card), done, refused)

    def take(self, visitor) -> None:
        self.page.reset()
        self.visitor = visitor
        self._waiting_read(self.waiting)
        panel = self.page.residents
        panel.name.setText(_("{name}（外村）").format(name=visitor.name))
        panel.household.setText(_("{home_village} · 卡号 {card}").format(home_village=visitor.home_village, card=visitor.card))
        panel.balance.setText(f"{Points(visitor.balance_here)} {_('分')}")
        self.page.feedback.show_message(_("{name}：请加商品，然后点确认兑换").format(name=visitor.name), "info")
        self.page._refresh()

    def balance(self) -> Points | None:
        return Points(self.visitor.balance_here) if self.visitor else None

    def confirm(self) -> None:
        page, session, http = self.page, self.session, self.client()
        if not page.cart.lines:
            page.feedback.show_message(_("还没有加商品"), "warn")
            return
        unanswered = self._unanswered if self._unanswered and self._unanswered[1] == self.visitor.card else None
        # asked again with the same id: the township answers what it did the first time
        self._asking = unanswered or (new_id(), self.visitor.card)
        approval_id = self._asking[0]
        visitor, cart = self.visitor, page.cart
        page.confirm.setEnabled(False)
        page.feedback.show_message(_("正在问乡镇……"), "info")
        session.runner.run(lambda: cross_village.redeem(session.context(), http, visitor, cart, approval_id),
                           self._sold, self._refused)

    def _sold(self, sale: cross_village.CrossSale) -> None:
        self._unanswered = self._asking = None
        self.page.reset()
        self.page.feedback.show_message(
            _("外村兑换成功：{name}，用 {total} 分（{home_village}扣 {home_total} 分，还剩 {home_balance_after} 分）。小票 {receipt}").format(name=sale.visitor.name, total=sale.total, home_village=sale.visitor.home_village, home_total=sale.home_total, home_balance_after=sale.home_balance_after, receipt=sale.receipt), "ok")
        self.print_slip(sale)

    def print_slip(self, sale: cross_village.CrossSale, copy: bool = False) -> None:
        """Off the GUI thread; the sale stands whatever the paper does."""
        session, folder = self.session, self.session.receipts_dir
        session.runner.run(lambda: cross_village.print_slip(session.reader(), sale, folder, copy),
                           self._printed, lambda _error: None)

    def _printed(self, outcome) -> None:
        if not outcome.ok:
            self.page.feedback.show_message(_("外村兑换已记账，但小票没打出来：{problem}").format(problem=outcome.problem),
                                            "warn")

    def _refused(self, error: BaseException) -> None:
        if getattr(error, "code", None) in cross_village.WAITING:
            self._unanswered = self._asking      # the township may have taken the points
            self.page.feedback.show_message(error.message(), "warn")
            self.page._refresh()
            self.show_waiting()
            return
        # The id stays for the next press: whatever went wrong here, the service asks it again while it
        # waits at the township, shows it as sold once recorded, and takes a new id only once it ended
        # (refused, never sent): a new id for an exchange still open would take the points twice.
        self._unanswered = self._asking
        self._asking = None
        self.page._sale_refused(error)
        self.show_waiting()

    def show_waiting(self) -> None:
        """How many exchanges wait for the township's answer, in the banner (read off the GUI thread)."""
        session = self.session
        session.runner.run(lambda: cross_village.waiting(session.reader()), self._waiting_read, lambda _e: None)

    def _waiting_read(self, count: int) -> None:
        self.waiting = count
        words = cross_village.waiting_words(count)
        visitor = visitor_words(self.visitor) if self.visitor else ""
        self.banner.setText(" · ".join(filter(None, (visitor, words))))   # one line: the page is full
        self.banner.setVisible(bool(visitor or words))

    def settled(self, settled) -> None:
        """This window's background round asked the township about the exchanges that waited: the
        waiting line counts what still waits (what it closed, the books keep: `show_notes`)."""
        self._waiting_read(settled.waiting)

    def show_notes(self) -> None:
        """The notes the books keep unacknowledged, and how many still wait (read off the GUI thread): at
        start, and after every round, whoever ran it (another program's settles what waited too)."""
        session = self.session
        session.runner.run(lambda: cross_notes.kept(session.reader()), self.notes.show_kept, lambda _e: None)
        self.show_waiting()

    def acknowledge(self, key: str) -> None:
        """知道了: written in the books (who, when), then the row goes; the books failing, it stays."""
        session = self.session
        session.runner.run(lambda: cross_notes.acknowledge(session.context(), key),
                           lambda _done: self.notes.remove(key), self._not_acknowledged)

    def _not_acknowledged(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.page.feedback.show_message(error.message(), "bad")

    def clear(self) -> None:
        self.visitor, self._unanswered, self._asking = None, None, None
        self.banner.setVisible(False)
        self.show_waiting()
