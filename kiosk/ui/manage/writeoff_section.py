"""损耗 (back office): write goods off as damaged, expired or lost, with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.weighed import quantity
from kiosk.core.errors import Refused
from kiosk.core.kinds import stock_words
from kiosk.i18n import _, _p
from kiosk.services.stock import movements as stock
from kiosk.ui.manage.stock_parts import PicksProducts, RowsTableModel, line_edit, table_view, toggle_button
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.latin import latin_only

RECENT = 50


class WriteoffSection(PicksProducts, QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.product = None
        self.code = line_edit("writeoff_code", _("扫码或输入商品，回车"))
        latin_only(self.code)
        self.chosen = polish(QLabel(_("（还没选商品）")), "title")
        self.qty = line_edit("writeoff_qty", _p("writeoff_section", "数量"), 140)
        self.reason = line_edit("writeoff_reason", _("说明，如：搬运时摔破"))
        self.whys = QButtonGroup(self, exclusive=True)
        self.why_buttons = {}
        for code, words in stock.WHYS.items():
            button = toggle_button(_(words), f"writeoff_why_{code}")
            self.whys.addButton(button)
            self.why_buttons[code] = button
        self.why_buttons["damaged"].setChecked(True)
        self.confirm = polish(QPushButton(_("登记损耗")), "primary")
        self.confirm.setObjectName("writeoff_confirm")
        self.model = RowsTableModel([_("时间"), _p("writeoff_section#2", "商品"), _("数量"),
                                     _p("writeoff_section#2", "原因"), _("说明"), _p("writeoff_section#2", "操作员")])
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
        what.addWidget(QLabel(_("数量")))
        what.addWidget(self.qty)
        for button in self.why_buttons.values():
            what.addWidget(button)
        what.addWidget(self.reason, 1)
        act = QHBoxLayout()
        act.addWidget(self.feedback, 3)
        act.addWidget(self.confirm, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("损耗：损坏、过期、丢失的商品")), "title"))
        layout.addLayout(item)
        layout.addLayout(what)
        layout.addLayout(act)
        layout.addWidget(QLabel(_("最近的损耗")))
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        self.session.runner.run(lambda: stock.moves(self.session.reader(), kind="damage", limit=RECENT),
                                self._show_recent, self._refused)
        self.code.setFocus()

    def _show_recent(self, moves: list[stock.Move]) -> None:
        self.model.set_rows([[m.at[5:16], m.product, f"{quantity(-m.qty, m.scale)}{m.unit}",
                              _(stock.WHYS[m.why]) if m.why in stock.WHYS else stock_words(m.kind),
                              m.note, m.operator] for m in moves])

    def picked(self, product, code: str) -> None:
        if product is None:
            self.feedback.show_message(_("不认识的条码 {code}").format(code=code), "bad")
            return
        self.product = product
        self.chosen.setText(_("{name}（现有 {stock}{unit}）").format(name=product.name, stock=product.stock, unit=product.unit))
        self.qty.setFocus()

    def why(self) -> str:
        return next(code for code, button in self.why_buttons.items() if button.isChecked())

    def write_off(self) -> None:
        if self.product is None:
            self.feedback.show_message(_("请先扫码或输入商品"), "warn")
            return
        code, qty, why, reason = self.product.code, self.qty.text(), self.why(), self.reason.text()
        self.session.runner.run(
            lambda: stock.writeoff(self.session.context(), code, qty, why, reason),
            self._written_off, self._refused)

    def _written_off(self, change: stock.StockChange) -> None:
        self.product = None
        self.chosen.setText(_("（还没选商品）"))
        self.qty.clear()
        self.reason.clear()
        self.feedback.show_message(_("已登记损耗：{product}，库存 {before} → {after}").format(product=change.product, before=change.before, after=change.after), "ok")
        self.load()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
