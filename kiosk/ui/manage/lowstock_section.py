"""缺货提醒 (back office): goods on hand at or below their reorder level, emptiest first."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import Refused
from kiosk.i18n import tr
from kiosk.services import stock
from kiosk.ui.manage.stock_parts import RowsTableModel, table_view
from kiosk.ui.theme import polish


class LowstockSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.model = RowsTableModel([tr("商品", "Goods"), tr("编号", "Code"), tr("现有", "On hand"),
                                     tr("预警数量", "Reorder at"), tr("单位", "Unit")], right_from=2)
        self.table = table_view(self.model, "lowstock_table")
        self.summary = polish(QLabel(""), "muted")
        self.summary.setWordWrap(True)
        refresh = polish(QPushButton(tr("刷新", "Refresh")), "quiet")
        refresh.setObjectName("lowstock_refresh")
        refresh.clicked.connect(self.load)
        head = QHBoxLayout()
        head.addWidget(polish(QLabel(tr("缺货提醒", "Running low")), "title"))
        head.addStretch(1)
        head.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        self.session.runner.run(lambda: stock.low_stock(self.session.reader()), self._show,
                                self._refused)

    def _show(self, low: list[stock.LowItem]) -> None:
        self.model.set_rows([[i.name, i.code, str(i.stock), str(i.reorder_level), i.unit] for i in low],
                            ["bad" if i.stock <= 0 else "" for i in low])
        empty = sum(1 for i in low if i.stock <= 0)
        self.summary.setText(
            tr(f"{len(low)} 种商品库存不多于预警数量，其中 {empty} 种已经没货（红色）。请及时补货。"
               "预警数量在“商品”里设置。",
               f"{len(low)} products at or below their reorder level, {empty} of them empty (red). "
               "Set reorder levels under Goods.")
            if low else tr("没有缺货的商品。", "Nothing is running low."))

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.summary.setText(error.message())
