"""The cart: a code field, the lines, +/− and remove, the running total."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from kiosk.core.cart import Cart
from kiosk.core.points import Points
from kiosk.i18n import _
from kiosk.ui.models.cart_table_model import NAME, CartTableModel
from kiosk.ui.theme import BAD, OK, polish
from kiosk.ui.widgets.latin import latin_only


class CartPanel(QWidget):
    code_entered = Signal(str)
    qty_changed = Signal(str, int)   # product id, new quantity (0 removes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLineEdit()
        self.code.setObjectName("goods_code")
        self.code.setPlaceholderText(_("扫码或输入商品条码 / 名称，回车"))
        self.code.returnPressed.connect(self._code_entered)
        latin_only(self.code)
        self.model = CartTableModel()
        self.table = QTableView()
        self.table.setObjectName("cart_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(52)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.totals = polish(QLabel(""), "title")
        self.totals.setWordWrap(True)
        self.plus, self.minus, self.remove = (QPushButton(t) for t in
                                              ("＋1", "－1", _("删除这一行")))
        for button, name, step in ((self.plus, "cart_plus", 1), (self.minus, "cart_minus", -1),
                                   (self.remove, "cart_remove", None)):
            button.setObjectName(name)
            button.clicked.connect(lambda _unused=False, s=step: self._step(s))
        self._lay_out()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.plus, self.minus, self.remove):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.totals)

    def _code_entered(self) -> None:
        text = self.code.text().strip()
        self.code.clear()
        if text:
            self.code_entered.emit(text)

    def _selected_line(self):
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.model.rowCount() - 1
        return self.model.line_at(row)

    def _step(self, step: int | None) -> None:
        line = self._selected_line()
        if line is not None:
            self.qty_changed.emit(line.product_id, 0 if step is None else line.qty + step)

    def show_cart(self, cart: Cart, balance: Points | None, select_id: str | None = None) -> None:
        self.model.set_cart(cart, balance)
        rows = [i for i, line in enumerate(cart.lines) if line.product_id == select_id]
        if rows:
            self.table.selectRow(rows[0])
        self.totals.setText(self._totals_text(cart, balance))

    @staticmethod
    def _totals_text(cart: Cart, balance: Points | None) -> str:
        total = cart.total()
        if balance is None:
            return _("合计 {total} 分").format(total=total)
        after = balance - total
        if after.is_negative():
            return _("<span style='color:{BAD}'>合计 {total} 分 · 余额 {balance} · 还差 {value} 分</span>").format(BAD=BAD, total=total, balance=balance, value=-after)
        return _("合计 {total} 分 · 余额 {balance} · <span style='color:{OK}'>兑换后 {after}</span>").format(total=total, balance=balance, OK=OK, after=after)
