"""盘点 (back office): start a count, print its sheet, scan and type counts, see differences, post."""

from __future__ import annotations

from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout,
                               QWidget)

from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.services.stock import stocktake
from kiosk.ui.manage import stock_parts
from kiosk.ui.manage.points_parts import button
from kiosk.ui.manage.stock_parts import PicksProducts, RowsTableModel, line_edit, table_view, toggle_button
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.latin import latin_only


def _row(line: stocktake.CountLine) -> list[str]:
    if line.counted is None:   # the book figure stays hidden until counted: count what is there
        return [line.name, line.code, line.unit, "", "", ""]
    return [line.name, line.code, line.unit, str(line.at_count), str(line.counted),
            f"{line.difference:+d}" if line.difference else "0"]


def _tint(line: stocktake.CountLine) -> str:
    if not line.difference:
        return ""
    return "bad" if line.difference < 0 else "good"


class StocktakeSection(PicksProducts, QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.count: stocktake.StockCount | None = None
        self.product = None                      # the item whose count is being typed
        self.status = polish(QLabel(""), "muted")
        self.status.setWordWrap(True)
        self.code = line_edit("count_code", _("扫码或输入商品，回车"))
        latin_only(self.code)
        self.chosen = polish(QLabel(_("（还没选商品）")), "title")
        self.qty = line_edit("count_qty", _p("stocktake_section", "实盘数量"), 150)
        self.recount = toggle_button(_("重新清点"), "count_recount")
        self.counted_only = toggle_button(_("只看已盘的"), "count_counted_only")
        self.reason = line_edit("count_reason", _("原因"), 260)
        self.model = RowsTableModel([_p("stocktake_section#2", "商品"), _p("stocktake_section#2", "编号"), _p("stocktake_section", "单位"),
                                     _p("stocktake_section", "账面"), _p("stocktake_section", "实盘"), _p("stocktake_section", "差异")],
                                    right_from=3)
        self.table = table_view(self.model, "count_table")
        self.feedback = FeedbackBar()
        self.buttons = self._make_buttons()
        self.code.returnPressed.connect(self.code_entered)
        self.qty.returnPressed.connect(self.enter)
        self.counted_only.toggled.connect(lambda _unused: self._show(self.count))
        self._lay_out()
        self._show(None)

    def _make_buttons(self) -> dict[str, QPushButton]:
        buttons = {}
        for key, text, role, slot in (
                ("start", _("开始盘点"), "primary", self.start),
                ("sheet", _p("stocktake_section", "打印盘点表"), "", self.print_sheet),
                ("cancel", _p("stocktake_section", "作废这次盘点"), "quiet", self.cancel),
                ("enter", _("录入"), "", self.enter),
                ("post", _("确认盘点，调整库存"), "primary", self.post)):
            buttons[key] = button(text, f"count_{key}", slot, role)
        return buttons

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        for key in ("start", "sheet", "cancel"):
            top.addWidget(self.buttons[key])
        top.addStretch(1)
        top.addWidget(self.counted_only)
        entry = QHBoxLayout()
        entry.addWidget(self.code, 2)
        entry.addWidget(self.chosen, 2)
        entry.addWidget(self.qty)
        entry.addWidget(self.recount)
        entry.addWidget(self.buttons["enter"])
        bottom = QHBoxLayout()
        bottom.addWidget(self.feedback, 3)
        bottom.addWidget(QLabel(_p("stocktake_section", "原因")))
        bottom.addWidget(self.reason)
        bottom.addWidget(self.buttons["post"], 2)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_p("stocktake_section", "盘点")), "title"))
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addLayout(entry)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def load(self) -> None:
        self.session.runner.run(lambda: stocktake.current(self.session.reader()), self._show,
                                self._refused)

    def _show(self, count: stocktake.StockCount | None) -> None:
        self.count = count
        lines = [] if count is None else (count.counted if self.counted_only.isChecked() else count.lines)
        self.model.set_rows([_row(line) for line in lines], [_tint(line) for line in lines])
        for key in ("sheet", "cancel", "enter", "post"):
            self.buttons[key].setEnabled(count is not None)
        self.buttons["start"].setEnabled(count is None)
        self.status.setText(self._status_text(count))
        if not self.reason.text():
            self.reason.setText(_("盘点"))

    @staticmethod
    def _status_text(count: stocktake.StockCount | None) -> str:
        if count is None:
            return _("现在没有进行中的盘点。点“开始盘点”记下账面库存，再打印盘点表去货架清点。")
        return _("盘点进行中：{started_by} {value} 开始；共 {count} 种，已盘 {count2} 种，有差异 {count3} 种。盘点时照常兑换，不会重复计算。").format(started_by=count.started_by, value=count.started_at[:16], count=len(count.lines), count2=len(count.counted), count3=len(count.differing))

    # --- choosing the item and typing its count -------------------------------
    def picked(self, product, code: str) -> None:
        if product is None:
            self.feedback.show_message(_("不认识的条码 {code}").format(code=code), "bad")
            return
        self.product = product
        self.chosen.setText(f"{product.name}（{product.unit}）")
        self.qty.clear()
        self.qty.setFocus()

    def enter(self) -> None:
        if self.product is None:
            self.feedback.show_message(_("请先扫码或输入商品"), "warn")
            return
        code, qty, again = self.product.code, self.qty.text(), self.recount.isChecked()
        self.session.runner.run(
            lambda: stocktake.enter(self.session.context(), code, qty, recount=again),
            self._entered, self._refused)

    def _entered(self, line: stocktake.CountLine) -> None:
        self.product = None
        self.recount.setChecked(False)
        self.chosen.setText(_("（还没选商品）"))
        self.qty.clear()
        self.code.setFocus()
        self.feedback.show_message(_("{name}：实盘 {counted}，账面 {at_count}，差异 {difference:+d}").format(name=line.name, counted=line.counted, at_count=line.at_count, difference=line.difference),
            "ok")
        self.load()

    # --- the count as a whole -----------------------------------------------------
    def start(self) -> None:
        self.session.runner.run(lambda: stocktake.start(self.session.context()), self._started,
                                self._refused)

    def _started(self, count: stocktake.StockCount) -> None:
        self._show(count)
        self.feedback.show_message(_("已开始盘点，共 {count} 种商品。可以打印盘点表。").format(count=len(count.lines)), "ok")

    def print_sheet(self) -> None:
        path = stock_parts.papers_dir(self.session, "盘点表") / f"盘点表-{self.session.clock.now():%Y%m%d-%H%M}.pdf"
        self.session.runner.run(lambda: stocktake.save_sheet(self.session.reader(), path),
                                self._saved, self._refused)

    def _saved(self, path) -> None:
        self.saved = path
        stock_parts.open_document(path)
        self.feedback.show_message(stock_parts.saved_words(path), "ok")

    def post(self) -> None:
        if self.count is None or not self.ask(_("确认盘点？已盘的 {count} 种商品里，有 {count2} 种的库存会按实盘调整。").format(count=len(self.count.counted), count2=len(self.count.differing))):
            return
        reason = self.reason.text()
        self.session.runner.run(lambda: stocktake.post(self.session.context(), reason),
                                self._posted, self._refused)

    def _posted(self, posted: stocktake.PostedCount) -> None:
        self._show(None)
        self.feedback.show_message(_("盘点已过账：清点 {counted} 种，调整了 {count} 种的库存。").format(counted=posted.counted, count=len(posted.changes)), "ok")

    def cancel(self) -> None:
        if not self.ask(_("作废这次盘点？已录入的数量都不算，库存不变。")):
            return
        self.session.runner.run(lambda: stocktake.cancel(self.session.context(), "作废"),
                                lambda _unused: self._cancelled(), self._refused)

    def _cancelled(self) -> None:
        self._show(None)
        self.feedback.show_message(_("这次盘点已作废，库存没有改动。"), "ok")

    def ask(self, question: str) -> bool:
        """Yes or no from the manager (tests answer for them)."""
        answer = QMessageBox.question(self, _("请确认"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
