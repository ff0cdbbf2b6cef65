"""Refund (退货): find the receipt, choose lines, give a reason, a manager's PIN."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from kiosk.core.errors import Refused
from kiosk.core.receipts import normalise_receipt
from kiosk.i18n import N_, _, _p
from kiosk.services.people import operators
from kiosk.services.shop import refunds
from kiosk.services.context import Context
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.latin import latin_only
from kiosk.ui.widgets.pin_pad import PinPadWidget

# Offered in the operator's language; what is chosen (or typed) is stored as written.
REASONS = (N_("包装破损，退回"), N_("拿错了商品"),
           N_("村民改换其他商品"), N_("商品有质量问题"))


class RefundDialog(QDialog):
    refunded = Signal(object)  # refunds.Refund

    def __init__(self, session, receipt: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_p("refund_dialog", "退货"))
        self.receipt = QLineEdit(receipt)
        self.receipt.setObjectName("refund_receipt")
        self.receipt.setPlaceholderText(_("扫小票条码或输入小票号"))
        self.receipt.returnPressed.connect(self.load)
        latin_only(self.receipt)
        self.lines_box = QGridLayout()
        self.spins: dict[int, QSpinBox] = {}
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems([_(reason) for reason in REASONS])
        self.manager = QComboBox()
        self.pin_pad = PinPadWidget()
        self.pin_pad.submitted.connect(self._refund)
        self.feedback = FeedbackBar()
        self._lay_out()
        session.runner.run(lambda: operators.list_operators(session.db), self._managers)
        if receipt:
            self.load()

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        find = QHBoxLayout()
        find.addWidget(self.receipt, 1)
        find_button = QPushButton(_("查找"))
        find_button.clicked.connect(self.load)
        find.addWidget(find_button)
        left.addLayout(find)
        left.addLayout(self.lines_box)
        left.addWidget(QLabel(_p("refund_dialog", "原因")))
        left.addWidget(self.reason)
        left.addWidget(QLabel(_p("refund_dialog", "管理员")))
        left.addWidget(self.manager)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.pin_pad, 2)
        close = polish(QPushButton(_("关闭")), "quiet")
        close.setObjectName("refund_close")
        close.clicked.connect(self.reject)   # a finger has no Esc key, and the title bar's × is small
        layout = QVBoxLayout(self)
        self.setMinimumWidth(820)     # the receipt field's hint and each line's name read whole
        layout.addWidget(polish(QLabel(_("退货：退回积分和商品（需管理员密码）")), "title"))
        layout.addLayout(body, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(close)

    def on_scan(self, code: str) -> None:
        """A receipt's barcode finds its lines; any other code is refused, never typed in."""
        number = normalise_receipt(code)
        if number is None:
            self.feedback.show_message(_("扫到 {code}，这不是小票：退货请扫小票上的条码").format(code=code), "warn")
            return
        self.receipt.setText(number)
        self.load()

    def _managers(self, rows: list[dict]) -> None:
        self.manager.clear()
        self.manager.addItems([r["name"] for r in rows if r["role"] == "manager" and r["active"]])

    def load(self) -> None:
        number = self.receipt.text()
        self.session.runner.run(lambda: refunds.open_lines(self.session.reader(), number),
                                self._show_lines, self._refused)

    def _show_lines(self, found) -> None:
        number, lines = found
        self.receipt.setText(number)
        while self.lines_box.count():
            self.lines_box.takeAt(0).widget().deleteLater()
        self.spins.clear()
        for row, line in enumerate(lines):
            self.lines_box.addWidget(QLabel(f"{line.line_no}. {line.name}  {line.price} × {line.qty}"), row, 0)
            spin = QSpinBox()
            spin.setRange(0, line.left)
            spin.setValue(line.left)
            spin.setMinimumHeight(48)
            spin.setSuffix(_(" / 可退 {left}").format(left=line.left))
            self.spins[line.line_no] = spin
            self.lines_box.addWidget(spin, row, 1)

    def chosen(self) -> dict[int, int]:
        return {n: spin.value() for n, spin in self.spins.items() if spin.value() > 0}

    def _refund(self, pin: str) -> None:
        number, reason, manager, lines = (self.receipt.text(), self.reason.currentText(),
                                          self.manager.currentText(), self.chosen())

        def work():
            actor = operators.login(self.session.db, manager, pin, self.session.clock.now())
            ctx = Context(self.session.db, actor, self.session.clock)
            return refunds.refund(ctx, number, reason, lines)

        self.session.runner.run(work, self._done, self._refused)

    def _done(self, result: refunds.Refund) -> None:
        self.refunded.emit(result)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
