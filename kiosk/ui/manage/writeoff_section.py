"""损耗 (back office): write goods off as damaged, expired or lost, with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.errors import Refused
from kiosk.i18n import tr
from kiosk.services import stock
from kiosk.ui.manage.stock_parts import PicksProducts, RowsTableModel, line_edit, table_view, toggle_button
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar

RECENT = 50


class WriteoffSection(PicksProducts, QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.product = None
        self.code = line_edit("writeoff_code", tr("扫码或输入商品，回车", "Scan or type the item, Enter"))
        self.chosen = polish(QLabel(tr("（还没选商品）", "(no item yet)")), "title")
        self.qty = line_edit("writeoff_qty", tr("数量", "qty"), 140)
        self.reason = line_edit("writeoff_reason", tr("说明，如：搬运时摔破", "details, e.g. dropped when unloading"))
        self.whys = QButtonGroup(self, exclusive=True)
        self.why_buttons = {}
        for code, words in stock.WHYS.items():
            button = toggle_button(tr(*words), f"writeoff_why_{code}")
            self.whys.addButton(button)
            self.why_buttons[code] = button
        self.why_buttons["damaged"].setChecked(True)
        self.confirm = polish(QPushButton(tr("登记损耗", "Write off")), "primary")
        self.confirm.setObjectName("writeoff_confirm")
        self.model = RowsTableModel([tr("时间", "Time"), tr("商品", "Goods"), tr("数量", "Qty"),
                                     tr("原因", "Why"), tr("说明", "Details"), tr("操作员", "By")])
        self.table = table_view(self.model, "writeoff_table", stretch=4)
        self.feedback = FeedbackBar()
        self.code.returnPressed.connect(self.code_entered)
        self.qty.returnPressed.connect(self.reason.setFocus)
        self.reason.returnPressed.connect(self.write_off)
        self.confirm.clicked.connect(self.write_off)
        self._lay_out()

    def _lay_out(self) -> None:
        item = QHBoxLayout()
        item.addWidget(self.code, 1)
        item.addWidget(self.chosen, 1)
        what = QHBoxLayout()
        what.addWidget(QLabel(tr("数量", "Qty")))
        what.addWidget(self.qty)
        for button in self.why_buttons.values():
            what.addWidget(button)
        what.addWidget(self.reason, 1)
        act = QHBoxLayout()
        act.addWidget(self.feedback, 3)
        act.addWidget(self.confirm, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(tr("损耗：损坏、过期、丢失的商品", "Write-offs: damaged, expired, lost")), "title"))
        layout.addLayout(item)
        layout.addLayout(what)
        layout.addLayout(act)
        layout.addWidget(QLabel(tr("最近的损耗", "Recent write-offs")))
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        self.session.runner.run(lambda: stock.moves(self.session.reader(), kind="damage", limit=RECENT),
                                self._show_recent, self._refused)
        self.code.setFocus()

    def _show_recent(self, moves: list[stock.Move]) -> None:
        self.model.set_rows([[m.at[5:16], m.product, f"{-m.qty}{m.unit}",
                              tr(*stock.WHYS[m.why]) if m.why in stock.WHYS else tr("损耗", "write-off"),
                              m.note, m.operator] for m in moves])

    def picked(self, product, code: str) -> None:
        if product is None:
            self.feedback.show_message(tr(f"不认识的条码 {code}", f"Unknown barcode {code}"), "bad")
            return
        self.product = product
        self.chosen.setText(tr(f"{product.name}（现有 {product.stock}{product.unit}）",
                               f"{product.name} ({product.stock} {product.unit} on hand)"))
        self.qty.setFocus()

    def why(self) -> str:
        return next(code for code, button in self.why_buttons.items() if button.isChecked())

    def write_off(self) -> None:
        if self.product is None:
            self.feedback.show_message(tr("请先扫码或输入商品", "Scan or type the item first"), "warn")
            return
        code, qty, why, reason = self.product.code, self.qty.text(), self.why(), self.reason.text()
        self.session.runner.run(
            lambda: stock.writeoff(self.session.context(), code, qty, why, reason),
            self._written_off, self._refused)

    def _written_off(self, change: stock.StockChange) -> None:
        self.product = None
        self.chosen.setText(tr("（还没选商品）", "(no item yet)"))
        self.qty.clear()
        self.reason.clear()
        self.feedback.show_message(tr(f"已登记损耗：{change.product}，库存 {change.before} → {change.after}",
                                      f"Written off: {change.product}, stock {change.before} → {change.after}"), "ok")
        self.load()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
