"""盘点 (back office): start a count, print its sheet, scan and type counts, see differences, post."""

from __future__ import annotations

from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout,
                               QWidget)

from kiosk.core.errors import Refused
from kiosk.i18n import tr
from kiosk.services import stocktake
from kiosk.ui.manage import stock_parts
from kiosk.ui.manage.points_parts import button
from kiosk.ui.manage.stock_parts import PicksProducts, RowsTableModel, line_edit, table_view, toggle_button
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar


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
        self.code = line_edit("count_code", tr("扫码或输入商品，回车", "Scan or type the item, Enter"))
        self.chosen = polish(QLabel(tr("（还没选商品）", "(no item yet)")), "title")
        self.qty = line_edit("count_qty", tr("实盘数量", "counted"), 150)
        self.recount = toggle_button(tr("重新清点", "Recount"), "count_recount")
        self.counted_only = toggle_button(tr("只看已盘的", "Counted only"), "count_counted_only")
        self.reason = line_edit("count_reason", tr("原因", "reason"), 260)
        self.model = RowsTableModel([tr("商品", "Goods"), tr("编号", "Code"), tr("单位", "Unit"),
                                     tr("账面", "Books"), tr("实盘", "Counted"), tr("差异", "Difference")],
                                    right_from=3)
        self.table = table_view(self.model, "count_table")
        self.feedback = FeedbackBar()
        self.buttons = self._make_buttons()
        self.code.returnPressed.connect(self.code_entered)
        self.qty.returnPressed.connect(self.enter)
        self.counted_only.toggled.connect(lambda _: self._show(self.count))
        self._lay_out()
        self._show(None)

    def _make_buttons(self) -> dict[str, QPushButton]:
        buttons = {}
        for key, text, role, slot in (
                ("start", tr("开始盘点", "Start a count"), "primary", self.start),
                ("sheet", tr("打印盘点表", "Print count sheet"), "", self.print_sheet),
                ("cancel", tr("作废这次盘点", "Cancel the count"), "quiet", self.cancel),
                ("enter", tr("录入", "Enter"), "", self.enter),
                ("post", tr("确认盘点，调整库存", "Post: adjust the stock"), "primary", self.post)):
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
        bottom.addWidget(QLabel(tr("原因", "Reason")))
        bottom.addWidget(self.reason)
        bottom.addWidget(self.buttons["post"], 2)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(tr("盘点", "Stock-take")), "title"))
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
            self.reason.setText(tr("盘点", "stock-take"))

    @staticmethod
    def _status_text(count: stocktake.StockCount | None) -> str:
        if count is None:
            return tr("现在没有进行中的盘点。点“开始盘点”记下账面库存，再打印盘点表去货架清点。",
                      "No count is open. Start one, print the sheet and count the shelves.")
        return tr(f"盘点进行中：{count.started_by} {count.started_at[:16]} 开始；共 {len(count.lines)} 种，"
                  f"已盘 {len(count.counted)} 种，有差异 {len(count.differing)} 种。盘点时照常兑换，不会重复计算。",
                  f"Counting since {count.started_at[:16]} ({count.started_by}): {len(count.lines)} products, "
                  f"{len(count.counted)} counted, {len(count.differing)} differ. Exchanges may go on.")

    # --- choosing the item and typing its count -------------------------------
    def picked(self, product, code: str) -> None:
        if product is None:
            self.feedback.show_message(tr(f"不认识的条码 {code}", f"Unknown barcode {code}"), "bad")
            return
        self.product = product
        self.chosen.setText(f"{product.name}（{product.unit}）")
        self.qty.clear()
        self.qty.setFocus()

    def enter(self) -> None:
        if self.product is None:
            self.feedback.show_message(tr("请先扫码或输入商品", "Scan or type the item first"), "warn")
            return
        code, qty, again = self.product.code, self.qty.text(), self.recount.isChecked()
        self.session.runner.run(
            lambda: stocktake.enter(self.session.context(), code, qty, recount=again),
            self._entered, self._refused)

    def _entered(self, line: stocktake.CountLine) -> None:
        self.product = None
        self.recount.setChecked(False)
        self.chosen.setText(tr("（还没选商品）", "(no item yet)"))
        self.qty.clear()
        self.code.setFocus()
        self.feedback.show_message(tr(
            f"{line.name}：实盘 {line.counted}，账面 {line.at_count}，差异 {line.difference:+d}",
            f"{line.name}: counted {line.counted}, books {line.at_count}, difference {line.difference:+d}"),
            "ok")
        self.load()

    # --- the count as a whole -----------------------------------------------------
    def start(self) -> None:
        self.session.runner.run(lambda: stocktake.start(self.session.context()), self._started,
                                self._refused)

    def _started(self, count: stocktake.StockCount) -> None:
        self._show(count)
        self.feedback.show_message(tr(f"已开始盘点，共 {len(count.lines)} 种商品。可以打印盘点表。",
                                      f"Count started: {len(count.lines)} products."), "ok")

    def print_sheet(self) -> None:
        path = stock_parts.papers_dir(self.session, "盘点表") / f"盘点表-{self.session.clock.now():%Y%m%d-%H%M}.pdf"
        self.session.runner.run(lambda: stocktake.save_sheet(self.session.reader(), path),
                                self._saved, self._refused)

    def _saved(self, path) -> None:
        self.saved = path
        stock_parts.open_document(path)
        self.feedback.show_message(stock_parts.saved_words(path), "ok")

    def post(self) -> None:
        if self.count is None or not self.ask(tr(
                f"确认盘点？已盘的 {len(self.count.counted)} 种商品里，有 {len(self.count.differing)} 种的库存会按实盘调整。",
                f"Post the count? {len(self.count.differing)} of {len(self.count.counted)} counted items will be adjusted.")):
            return
        reason = self.reason.text()
        self.session.runner.run(lambda: stocktake.post(self.session.context(), reason),
                                self._posted, self._refused)

    def _posted(self, posted: stocktake.PostedCount) -> None:
        self._show(None)
        self.feedback.show_message(tr(f"盘点已过账：清点 {posted.counted} 种，调整了 {len(posted.changes)} 种的库存。",
                                      f"Posted: {posted.counted} counted, {len(posted.changes)} adjusted."), "ok")

    def cancel(self) -> None:
        if not self.ask(tr("作废这次盘点？已录入的数量都不算，库存不变。",
                           "Cancel this count? Nothing entered is kept; stock stays as it is.")):
            return
        self.session.runner.run(lambda: stocktake.cancel(self.session.context(), "作废"),
                                lambda _: self._cancelled(), self._refused)

    def _cancelled(self) -> None:
        self._show(None)
        self.feedback.show_message(tr("这次盘点已作废，库存没有改动。", "The count was cancelled."), "ok")

    def ask(self, question: str) -> bool:
        """Yes or no from the manager (tests answer for them)."""
        answer = QMessageBox.question(self, tr("请确认", "Please confirm"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
