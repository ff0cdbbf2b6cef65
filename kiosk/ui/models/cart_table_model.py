"""The cart as a table: goods, price, quantity, amount; lines past the balance in red."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kiosk.core.cart import Cart, CartLine
from kiosk.core.points import Points
from kiosk.i18n import _, _p

NAME, PRICE, QTY, AMOUNT = range(4)
SHORT = QColor("#fde0dc")


class CartTableModel(QAbstractTableModel):
    def __init__(self, cart: Cart | None = None) -> None:
        super().__init__()
        self.cart = cart or Cart()
        self.balance: Points | None = None
        self._short: set[str] = set()

    def headers(self) -> list[str]:
        return [_p("cart_table_model#2", "商品"), _("单价"), _("数量"), _("小计")]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.cart.lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.cart.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and line.product_id in self._short:
            return QBrush(SHORT)
        if role == Qt.ItemDataRole.ToolTipRole and line.product_id in self._short:
            return _("积分不够兑换这一行")
        return None

    @staticmethod
    def _text(line: CartLine, column: int) -> str:
        return (line.name, str(line.price), line.shown_qty, str(line.amount))[column]

    def set_cart(self, cart: Cart, balance: Points | None) -> None:
        """Show the cart again after a change (thin: the cart itself is plain Python)."""
        self.beginResetModel()
        self.cart, self.balance = cart, balance
        self._short = ({line.product_id for line in cart.unaffordable(balance)}
                       if balance is not None else set())
        self.endResetModel()

    def line_at(self, row: int) -> CartLine | None:
        return self.cart.lines[row] if 0 <= row < len(self.cart.lines) else None
