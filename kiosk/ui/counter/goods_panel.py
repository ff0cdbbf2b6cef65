"""Big picture buttons by category, for goods without a barcode (and any others)."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QScrollArea, QTabWidget, QWidget

from kiosk.i18n import tr
from kiosk.services import products
from kiosk.ui.theme import polish

COLUMNS = 2


class GoodsPanel(QTabWidget):
    chosen = Signal(object)  # products.Product

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.buttons: dict[str, QPushButton] = {}

    def load(self) -> None:
        self.session.runner.run(lambda: products.list_products(self.session.reader()), self._fill)

    def _fill(self, goods: list[products.Product]) -> None:
        self.clear()
        self.buttons.clear()
        by_category: dict[str, list[products.Product]] = defaultdict(list)
        for product in goods:
            by_category[product.category or tr("其他", "Other")].append(product)
        for category, items in by_category.items():
            self.addTab(self._page(items), category)

    def _page(self, items: list[products.Product]) -> QScrollArea:
        page = QWidget()
        grid = QGridLayout(page)
        for index, product in enumerate(items):
            grid.addWidget(self._button(product), index // COLUMNS, index % COLUMNS)
        grid.setRowStretch(len(items) // COLUMNS + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        return scroll

    def _button(self, product: products.Product) -> QPushButton:
        button = polish(QPushButton(f"{product.name}\n{product.price} {tr('分', 'pts')}"), "goods")
        button.setObjectName(f"goods_{product.code}")
        button.setMinimumWidth(120)
        button.setToolTip(tr(f"库存 {product.stock}{product.unit}", f"{product.stock} in stock"))
        button.clicked.connect(lambda _=False, p=product: self.chosen.emit(p))
        self.buttons[product.code] = button
        return button
