"""Big picture buttons by category, for goods without a barcode (and any others)."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QScrollArea, QTabWidget, QWidget

from kiosk.i18n import _
from kiosk.services.shop import products
from kiosk.ui.theme import polish

COLUMNS = 2


class GoodsPanel(QTabWidget):
    chosen = Signal(object)  # products.Product

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.buttons: dict[str, QPushButton] = {}
        self._stamp: tuple | None = None   # the catalogue as the buttons show it

    def load(self) -> None:
        def read():
            reader = self.session.reader()
            return products.catalogue_stamp(reader), products.list_products(reader)
        self.session.runner.run(read, self._fill_stamped)

    def showEvent(self, event) -> None:  # noqa: N802
        """Back from the back office: the buttons follow a product added, edited or retired there."""
        super().showEvent(event)
        if self._stamp is not None:
            self.session.runner.run(lambda: products.catalogue_stamp(self.session.reader()),
                                    self._reload_if_changed)

    def _reload_if_changed(self, stamp: tuple) -> None:
        if stamp != self._stamp:
            self.load()

    def _fill_stamped(self, found) -> None:
        self._stamp, goods = found
        self._fill(goods)

    def _fill(self, goods: list[products.Product]) -> None:
        self.clear()
        self.buttons.clear()
        by_category: dict[str, list[products.Product]] = defaultdict(list)
        for product in goods:
            by_category[product.category or _("其他")].append(product)
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
        button = polish(QPushButton(f"{product.name}\n{product.price} {_('分')}"), "goods")
        button.setObjectName(f"goods_{product.code}")
        button.setMinimumWidth(120)
        button.setToolTip(_("库存 {stock}{unit}").format(stock=product.stock, unit=product.unit))
        button.clicked.connect(lambda _unused=False, p=product: self.chosen.emit(p))
        self.buttons[product.code] = button
        return button
