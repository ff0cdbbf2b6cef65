"""The exchange screen (兑换): resident on the left, cart in the middle, goods on the right."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.core.cart import Cart
from kiosk.core.errors import Refused
from kiosk.core.weighed import shown
from kiosk.core.receipts import normalise_receipt
from kiosk.i18n import _
from kiosk.services.people import residents
from kiosk.services.points import balances
from kiosk.services.shop import checkout, limits, products
from kiosk.services.stock import movements as stock
from kiosk.ui.counter.cart_panel import CartPanel
from kiosk.ui.counter.goods_panel import GoodsPanel
from kiosk.ui.counter.resident_panel import ResidentPanel
from kiosk.ui.counter.visitor_mode import VisitorMode
from kiosk.ui.counter.weight_dialog import WeightDialog
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar

CARD_PREFIX = residents.CARD_PREFIX


class ExchangePage(QWidget):
    sale_done = Signal(object)        # checkout.Sale, committed
    receipt_scanned = Signal(str)     # a receipt number: the refund screen wants it
    reprint_wanted = Signal()

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.cart = Cart()
        self.standing: balances.Standing | None = None
        self._stock: dict[str, int] = {}  # product id → on hand when it was added
        self.residents = ResidentPanel(session)
        self.cart_panel = CartPanel()
        self.goods = GoodsPanel(session)
        self.feedback = FeedbackBar()
        self.confirm = polish(QPushButton(_("确认兑换 (F12)")), "primary")
        self.confirm.setObjectName("confirm")
        self.confirm.setMinimumHeight(72)
        self.clear_button = polish(QPushButton(_("清空，换下一位")), "quiet")
        self.reprint = polish(QPushButton(_("重新打印")), "quiet")
        self.reprint.setObjectName("reprint")
        self.reprint.setVisible(False)
        self.visitor_mode = VisitorMode(self)   # 外村村民 (积分互认)
        self._connect()
        self._lay_out()
        self._refresh()

    def _connect(self) -> None:
        self.residents.picked.connect(self.pick_resident)
        self.cart_panel.code_entered.connect(self.enter_code)
        self.cart_panel.qty_changed.connect(self.set_qty)
        self.goods.chosen.connect(self.add_product)
        self.confirm.clicked.connect(self.confirm_sale)
        self.clear_button.clicked.connect(self.reset)
        self.reprint.clicked.connect(self.reprint_wanted)
        QShortcut(QKeySequence("F12"), self, activated=self.confirm_sale)

    def _lay_out(self) -> None:
        columns = QHBoxLayout()
        columns.addWidget(self.residents, 3)
        columns.addWidget(self.cart_panel, 4)
        columns.addWidget(self.goods, 4)
        bottom = QHBoxLayout()
        bottom.addWidget(self.feedback, 3)
        bottom.addWidget(self.reprint, 1)
        bottom.addWidget(self.visitor_mode.button, 1)
        bottom.addWidget(self.clear_button, 1)
        bottom.addWidget(self.confirm, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.visitor_mode.banner)
        layout.addWidget(self.visitor_mode.notes)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def load(self) -> None:
        self.goods.load()
        self.visitor_mode.show_notes()      # what a round settled before this window opened

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Enter confirms, unless a text field is taking it (it then adds goods or searches)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not isinstance(QApplication.focusWidget(), QLineEdit):
            self.confirm_sale()
            return
        super().keyPressEvent(event)

    # --- input -------------------------------------------------------------
    def on_scan(self, code: str) -> None:
        """A scanner burst: a resident card, a product, or a receipt."""
        if self.visitor_mode.take_scan(code):
            return
        if code.upper().startswith(CARD_PREFIX):
            self._find_resident(code.upper())
            return
        self.session.runner.run(lambda: products.by_scan(self.session.reader(), code),
                                lambda product: self._scanned_product(code, product), self._refused)

    def _scanned_product(self, code: str, product) -> None:
        if product is not None:
            self.add_product(product)
        elif normalise_receipt(code):
            self.receipt_scanned.emit(normalise_receipt(code))
        else:
            self.feedback.show_message(_("不认识的条码 {code}：这件商品还没登记，请找管理员。").format(code=code), "bad")

    def enter_code(self, text: str) -> None:
        self.session.runner.run(lambda: products.resolve(self.session.reader(), text),
                                self.add_product, self._refused)

    def _find_resident(self, query: str) -> None:
        self.session.runner.run(lambda: residents.resolve(self.session.reader(), query, active_only=True),
                                self.pick_resident, lambda error: self._card_refused(query, error))

    def _card_refused(self, code: str, error: BaseException) -> None:
        if isinstance(error, Refused) and error.code == "resident_unknown":
            self.feedback.show_message(_("卡号 {code} 不认识：请核对这张卡，或输入姓名、门牌号找人；外村的卡请点“外村村民”").format(code=code), "bad")
            return
        self._refused(error)

    def pick_resident(self, resident: residents.Resident) -> None:
        self.session.runner.run(lambda: balances.standing(self.session.reader(), resident),
                                self._show_standing, self._refused)

    def _show_standing(self, standing: balances.Standing) -> None:
        self.visitor_mode.clear()
        self.standing = standing
        self.residents.show_standing(standing)
        if standing.hold:
            self.feedback.show_message(_("{name}的账户已冻结：{hold}").format(name=standing.resident.name, hold=standing.hold), "bad")
        else:
            self.feedback.show_message(_("{name}，余额 {balance} 分").format(name=standing.resident.name, balance=standing.balance), "info")
        self._refresh()

    # --- the cart ------------------------------------------------------------
    def add_product(self, product: products.Product) -> None:
        in_cart = self.cart.counts().get(product.id, 0)
        if not product.active:
            self.feedback.show_message(_("“{name}”已下架").format(name=product.name), "bad")
            return
        if product.stock <= in_cart:
            self.feedback.show_message(_("“{name}”没货了（库存 {stock}）").format(name=product.name, stock=product.shown_stock), "bad")
            return
        qty = WeightDialog.ask(product, self) if product.weighed else 1
        if qty is None:
            return
        if qty > product.stock - in_cart:
            left = shown(product.stock - in_cart, product.scale)
            self.feedback.show_message(_("“{name}”只有 {left}{unit} 了").format(name=product.name, left=left, unit=product.unit), "bad")
            return
        self._stock[product.id] = product.stock
        try:
            self.cart.add(product.id, product.name, product.price, qty, product.scale)
        except Refused as refusal:
            self.feedback.show_message(refusal.message(), "bad")
            return
        self._after_change(product.id, product.name)
        self._check_limit(product.id)

    def _check_limit(self, product_id: str) -> None:
        """限购: say how many are left for this household, and keep the cart within it."""
        if self.standing is None:
            return
        household = self.standing.resident.household_id
        self.session.runner.run(lambda: limits.standing(self.session.reader(), household, product_id),
                                lambda limit: self._say_limit(product_id, limit), self._refused)

    def _say_limit(self, product_id: str, limit) -> None:
        if limit is None:
            return
        in_cart = self.cart.counts().get(product_id, 0)
        if in_cart <= limit.left:
            self.feedback.show_message(replace(limit, taken=limit.taken + in_cart).words(), "info")
            return
        self.cart.set_qty(product_id, limit.left)
        self._refresh(product_id)
        self.feedback.show_message(replace(limit, taken=limit.limit).words(), "bad")

    def set_qty(self, product_id: str, qty: int) -> None:
        if qty > self._stock.get(product_id, qty):
            self.feedback.show_message(_("库存不够了"), "bad")
            return
        try:
            self.cart.set_qty(product_id, qty)
        except Refused as refusal:
            self.feedback.show_message(refusal.message(), "bad")
            return
        self._after_change(product_id, None)

    def _after_change(self, product_id: str, name: str | None) -> None:
        self._refresh(product_id)
        balance = self.standing.balance if self.standing else self.visitor_mode.balance()
        if balance is not None and self.cart.total() > balance:
            short = self.cart.shortfall(balance)
            self.feedback.show_message(_("积分不够：还差 {short} 分，请减少商品").format(short=short), "warn")
        elif name:
            self.feedback.show_message(_("已加入：{name}").format(name=name), "ok")
        elif balance is not None and self.feedback.kind != "ok":
            after = balance - self.cart.total()
            self.feedback.show_message(_("够了：兑换后余额 {after} 分").format(after=after), "ok")

    def _refresh(self, select_id: str | None = None) -> None:
        balance = self.standing.balance if self.standing else self.visitor_mode.balance()
        self.cart_panel.show_cart(self.cart, balance, select_id)
        buyer = self.visitor_mode.visitor is not None or (self.standing is not None and not self.standing.hold)
        self.confirm.setEnabled(bool(self.cart.lines) and buyer and self.cart.total() <= balance)

    # --- the sale ------------------------------------------------------------
    def confirm_sale(self) -> None:
        if self.visitor_mode.visitor is not None:
            self.visitor_mode.confirm()
            return
        if self.standing is None:
            self.feedback.show_message(_("请先刷卡或找到村民"), "warn")
            return
        if not self.cart.lines:
            self.feedback.show_message(_("还没有加商品"), "warn")
            return
        resident, cart = self.standing.resident, self.cart
        self.confirm.setEnabled(False)
        self.session.runner.run(lambda: checkout.redeem(self.session.context(), resident, cart),
                                self._sold, self._sale_refused)

    def _sold(self, sale: checkout.Sale) -> None:
        self.reset()
        self.feedback.show_message(
            _("兑换成功：{name}，用 {total} 分，余额 {balance_after} 分。小票 {receipt}").format(name=sale.resident.name, total=sale.total, balance_after=sale.balance_after, receipt=sale.receipt),
            "ok")
        sold = [line.product_id for line in sale.lines]
        self.session.runner.run(lambda: stock.running_low(self.session.reader(), sold),
                                self._note_low, lambda _error: None)  # a hint only: never in the way
        self.sale_done.emit(sale)

    def _note_low(self, low: list[stock.LowItem]) -> None:
        """A quiet line under the sale's message (no beep) for goods now at their reorder level."""
        if not low or self.feedback.kind != "ok":
            return
        notes = [_("{name} 只剩 {stock} {unit}，请及时补货").format(name=i.name, stock=i.shown_stock, unit=i.unit)
                 if i.stock > 0 else _("{name} 已经没货了，请及时补货").format(name=i.name)
                 for i in low]
        self.feedback.setText(self.feedback.text() + "\n" + _("；").join(notes))

    def show_print_outcome(self, outcome) -> None:
        """The sale is already recorded; only the paper may be missing."""
        self.reprint.setVisible(True)
        if outcome.ok:
            return
        self.feedback.show_message(
            _("兑换已记账，但小票没打出来：{problem}").format(problem=outcome.problem), "warn")

    def _sale_refused(self, error: BaseException) -> None:
        self._refused(error)
        self._refresh()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")

    def reset(self) -> None:
        self.cart = Cart()
        self.standing = None
        self._stock = {}
        self.visitor_mode.clear()
        self.residents.clear()
        self._refresh()
        self.residents.search.setFocus()
