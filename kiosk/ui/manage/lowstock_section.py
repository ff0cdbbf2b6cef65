"""缺货提醒 (back office): goods on hand at or below their reorder level, emptiest first;
under them, the batches near or past their best-before date (临期)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.services.stock import food_dates, movements as stock
from kiosk.ui.manage.shopping_buttons import ShoppingButtons
from kiosk.ui.manage.stock_parts import RowsTableModel, table_view
from kiosk.ui.theme import polish


class LowstockSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.model = RowsTableModel([_p("lowstock_section#2", "商品"), _p("lowstock_section#2", "编号"), _("现有"),
                                     _p("lowstock_section", "预警数量"), _p("lowstock_section", "单位")], right_from=2)
        self.table = table_view(self.model, "lowstock_table")
        self.summary = polish(QLabel(""), "muted")
        self.summary.setWordWrap(True)
        self.dates_model = RowsTableModel([_p("lowstock_section#2", "商品"), _p("lowstock_section#2", "编号"),
                                           _("剩余"), _("保质期至"), _("入库单"), _("状态")], right_from=2)
        self.dates_table = table_view(self.dates_model, "expiring_table")
        self.dates_summary = polish(QLabel(""), "muted")
        self.dates_summary.setObjectName("expiring_summary")
        self.dates_summary.setWordWrap(True)
        refresh = polish(QPushButton(_("刷新")), "quiet")
        refresh.setObjectName("lowstock_refresh")
        refresh.clicked.connect(self.load)
        head = QHBoxLayout()
        head.addWidget(polish(QLabel(_("缺货提醒")), "title"))
        head.addStretch(1)
        self.shopping = ShoppingButtons(session, self.summary)
        head.addWidget(self.shopping)
        head.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(polish(QLabel(_("临期提醒")), "title"))
        layout.addWidget(self.dates_summary)
        layout.addWidget(self.dates_table, 1)

    def load(self) -> None:
        self.session.runner.run(lambda: stock.low_stock(self.session.reader()), self._show,
                                self._refused)
        self.session.runner.run(lambda: food_dates.near_expiry(self.session.reader()),
                                self._show_dates, self._refused)

    def _show_dates(self, found: list[food_dates.Batch]) -> None:
        self.dates_model.set_rows([[b.name, b.code, f"{b.shown_left}{b.unit}", b.best_before,
                                    b.delivery or "—", _("已过期") if b.expired else _("临期")]
                                   for b in found], ["bad" if b.expired else "" for b in found])
        expired = sum(1 for b in found if b.expired)
        self.dates_summary.setText(
            _("{count} 批商品快到保质期，其中 {expired} 批已过期（红色）：请先拿出来兑换，过期的请报损（损耗 · 过期）。").format(count=len(found), expired=expired)
            if found else _("没有临期的商品。"))

    def _show(self, low: list[stock.LowItem]) -> None:
        self.model.set_rows([[i.name, i.code, i.shown_stock, str(i.reorder_level), i.unit] for i in low],
                            ["bad" if i.stock <= 0 else "" for i in low])
        empty = sum(1 for i in low if i.stock <= 0)
        self.summary.setText(
            _("{count} 种商品库存不多于预警数量，其中 {empty} 种已经没货（红色）。请及时补货。预警数量在“商品”里设置。").format(count=len(low), empty=empty)
            if low else _("没有缺货的商品。"))

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.summary.setText(error.message())
