"""入库 (back office): a delivery's source, note number and date; scan its goods; receive all at once."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from kiosk.core.errors import Refused
from kiosk.core.quantity import whole_number
from kiosk.i18n import _, _p
from kiosk.services.shop import products
from kiosk.services.stock import deliveries, suppliers
from kiosk.services.stock.movements import MAX_ON_HAND
from kiosk.ui.manage import stock_parts
from kiosk.ui.manage.points_parts import button
from kiosk.ui.manage.stock_parts import PicksProducts, RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.latin import latin_only


class ReceivingSection(PicksProducts, QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.lines: list[list] = []            # [Product, qty], in the order scanned
        self.last: deliveries.Delivery | None = None
        self.source = QComboBox()
        self.source.setObjectName("receiving_source")
        self.cost = line_edit("receiving_cost", _("每件进价或价值（元）"), 170)
        self.note_no = line_edit("receiving_note_no", _("送货单上的编号"))
        self.day = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.day.setObjectName("receiving_day")
        self.day.setMinimumHeight(48)
        self.day.setStyleSheet("font-size: 20px;")
        self.qty = line_edit("receiving_qty", _p("receiving_section", "数量"), 110)
        self.code = line_edit("receiving_code", _("扫码或输入条码 / 名称，回车"))
        latin_only(self.code)
        self.model = RowsTableModel([_p("receiving_section#2", "商品"), _p("receiving_section#2", "编号"), _p("receiving_section", "单位"),
                                     _("现有库存"), _("入库数量"), _("单价（元）")], right_from=3)
        self.table = table_view(self.model, "receiving_table")
        self.total = polish(QLabel(""), "title")
        self.feedback = FeedbackBar()
        self.buttons = self._make_buttons()
        self._lay_out()
        self.code.returnPressed.connect(self.code_entered)
        self.qty.returnPressed.connect(self.code.setFocus)
        self.reset_form()

    def _make_buttons(self) -> dict[str, QPushButton]:
        buttons = {}
        for key, text, role, slot in (
                ("plus", "＋1", "", lambda: self._step(1)), ("minus", "－1", "", lambda: self._step(-1)),
                ("remove", _("删除这一行"), "quiet", lambda: self._step(None)),
                ("clear", _("全部清空"), "quiet", self.reset_form),
                ("print", _("打印入库单"), "", self.print_note),
                ("receive", _p("receiving_section#2", "入库"), "primary", self.receive)):
            buttons[key] = button(text, f"receiving_{key}", slot, role)
        return buttons

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        for label, field in ((_("供货方"), self.source), (_p("receiving_section#2", "送货单号"), self.note_no),
                             (_("送货日期"), self.day)):
            head.addWidget(QLabel(label))
            head.addWidget(field, 1)
        scan = QHBoxLayout()
        scan.addWidget(QLabel(_("数量")))
        scan.addWidget(self.qty)
        scan.addWidget(self.cost)
        scan.addWidget(self.code, 1)
        edit, act = QHBoxLayout(), QHBoxLayout()
        for key in ("plus", "minus", "remove", "clear"):
            edit.addWidget(self.buttons[key])
        edit.addStretch(1)
        edit.addWidget(self.total)
        act.addWidget(self.feedback, 3)
        act.addWidget(self.buttons["print"], 1)
        act.addWidget(self.buttons["receive"], 1)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("入库：一张送货单的商品一起入库")), "title"))
        for row in (head, scan):
            layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit)
        layout.addLayout(act)

    def load(self) -> None:
        self.day.setMaximumDate(self._today())
        self._fill_suppliers()
        self.code.setFocus()

    def _fill_suppliers(self) -> None:
        self.session.runner.run(lambda: suppliers.list_suppliers(self.session.reader()),
                                self._show_suppliers, self._refused)

    def _show_suppliers(self, found: list[suppliers.Supplier]) -> None:
        """The window asks where the goods come from: nothing is chosen until the manager picks."""
        chosen = self.source.currentData()
        self.source.clear()
        self.source.addItem(_("请选择供货方或捐赠人"), None)
        for s in found:
            self.source.addItem(_("{name}（{kind}）").format(name=s.name, kind=_(s.kind)), s.name)
        self.source.setCurrentIndex(max(0, self.source.findData(chosen)) if chosen else 0)

    def _today(self) -> QDate:
        today = self.session.clock.now().date()
        return QDate(today.year, today.month, today.day)

    def reset_form(self) -> None:
        self.lines = []
        self.note_no.clear()
        self.qty.setText("1")
        self.day.setDate(self._today())
        self._show_lines()

    # --- adding goods ---------------------------------------------------------
    def picked(self, product, code: str) -> None:
        if product is None:
            why = products.unknown_code(code)
            self.feedback.show_message(
                why.message() if why.code != "product_unknown" else
                _("不认识的条码 {code}：请先在“商品”里登记这件商品。").format(code=code), "bad")
            return
        try:
            qty = self._typed_qty()
        except Refused as refusal:
            self.feedback.show_message(refusal.message(), "bad")
            return
        self.add(product, qty)

    def _typed_qty(self) -> int:
        count = whole_number(self.qty.text().strip() or "1")
        if not 0 < count <= MAX_ON_HAND:
            raise Refused("qty_not_positive" if count <= 0 else "qty_absurd", qty=self.qty.text(),
                          most=MAX_ON_HAND)
        return count

    def add(self, product, qty: int) -> None:
        """A scanned item: a new line, or more of a line already there."""
        row = next((n for n, line in enumerate(self.lines) if line[0].id == product.id), None)
        cost = self.cost.text().strip()
        if row is None:
            self.lines.append([product, qty, cost])
            row = len(self.lines) - 1
        else:
            self.lines[row][1] += qty
            self.lines[row][2] = cost or self.lines[row][2]
        self.qty.setText("1")
        self._show_lines(row)
        self.feedback.show_message(_("已加入：{name} ×{qty}").format(name=product.name, qty=qty), "ok")

    def _step(self, step: int | None) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else len(self.lines) - 1
        if not 0 <= row < len(self.lines):
            return
        self.lines[row][1] += step or 0
        if step is None or self.lines[row][1] <= 0:
            del self.lines[row]
            row = min(row, len(self.lines) - 1)
        self._show_lines(row)

    def _show_lines(self, select: int | None = None) -> None:
        self.model.set_rows([[p.name, p.code, p.unit, str(p.stock), str(qty), cost]
                             for p, qty, cost in self.lines])
        if select is not None and 0 <= select < len(self.lines):
            self.table.selectRow(select)
        total = sum(line[1] for line in self.lines)
        self.total.setText(_("共 {count} 项 {total} 件").format(count=len(self.lines), total=total))
        self.buttons["receive"].setEnabled(bool(self.lines))
        self.buttons["print"].setEnabled(self.last is not None)

    # --- receiving and the note -------------------------------------------------
    def receive(self) -> None:
        lines = [deliveries.Line(p.code, qty, cost=cost or None) for p, qty, cost in self.lines]
        supplier, note_no = self.source.currentData(), self.note_no.text()
        day = self.day.date().toString("yyyy-MM-dd")
        self.session.runner.run(
            lambda: deliveries.receive_delivery(self.session.context(), lines, supplier=supplier,
                                                note_no=note_no, day=day),
            self._received, self._refused)

    def _received(self, done: deliveries.Delivery) -> None:
        self.last = done
        self.reset_form()
        self.feedback.show_message(_("已入库：入库单 {number}，{count} 项 {total} 件。可以打印入库单。").format(number=done.number, count=len(done.lines), total=done.total), "ok")

    def print_note(self) -> None:
        if self.last is None:
            return
        number = self.last.number
        path = stock_parts.papers_dir(self.session, "入库单") / f"{number}.pdf"
        self.session.runner.run(lambda: deliveries.save_note(self.session.reader(), number, path),
                                self._saved, self._refused)

    def _saved(self, path) -> None:
        self.saved = path
        stock_parts.open_document(path)
        self.feedback.show_message(stock_parts.saved_words(path), "ok")

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
