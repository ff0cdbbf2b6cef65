"""价签 (back office): scan or type goods into a list, or pick all goods, a category or
the goods repriced since a day; choose the label stock; save a PDF and open it to print."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.i18n import N_, _
from kiosk.services.shop import labels
from kiosk.ui.manage.labels_options import Choice, LabelOptions
from kiosk.ui.manage.labels_table_model import (
    CODE,
    COPIES,
    NAME,
    PRICE,
    LabelsTableModel,
)
from kiosk.ui.theme import polish
from kiosk.ui.widgets import file_dialogs
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.hint_room import keep_hint_whole
from kiosk.ui.widgets.latin import latin_only


class LabelsSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.saved: Path | None = None
        self.model = LabelsTableModel()
        self.query = QLineEdit(objectName="labels_query")
        self.query.setPlaceholderText(_("扫码，或输入条码、名称"))
        keep_hint_whole(self.query)
        latin_only(self.query)
        self.query.returnPressed.connect(lambda: self.add(self.query.text()))
        self.copies = QSpinBox(objectName="labels_copies")
        self.copies.setRange(1, labels.MAX_COPIES)
        self.table = self._table()
        self.options = LabelOptions()
        self.feedback = FeedbackBar()
        self.buttons = self._buttons()
        self._lay_out()

    def _table(self) -> QTableView:
        view = QTableView(objectName="labels_table")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(46)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        view.ensurePolished()           # the style sheet's font, not the default one
        digits = view.fontMetrics().horizontalAdvance("0")
        for column, chars in ((CODE, 15), (PRICE, 7), (COPIES, 5)):
            header.resizeSection(column, digits * chars)
        return view

    def _buttons(self) -> dict[str, QPushButton]:
        words = {"add": N_("加入"), "more": N_("多一张"), "fewer": N_("少一张"),
                 "remove": N_("移除"), "clear": N_("清空"),
                 "make": N_("生成价签 PDF…"), "open": N_("打开 PDF 去打印")}
        buttons = {key: QPushButton(_(pair), objectName=f"labels_{key}") for key, pair in words.items()}
        actions = {"add": lambda: self.add(self.query.text()), "more": lambda: self._bump(1),
                   "fewer": lambda: self._bump(-1), "remove": self._remove, "clear": self.model.clear,
                   "make": self.make, "open": self.open_saved}
        for key, action in actions.items():
            buttons[key].clicked.connect(action)
        polish(buttons["make"], "primary")
        buttons["open"].setEnabled(False)
        return buttons

    def _lay_out(self) -> None:
        # the search field on a row of its own, so its hint reads whole at 1366×768
        find = QVBoxLayout()
        find.addWidget(self.query)
        how_many = QHBoxLayout()
        how_many.addWidget(QLabel(_("每种")))
        how_many.addWidget(self.copies)
        how_many.addWidget(QLabel(_("张")))
        how_many.addWidget(self.buttons["add"])
        how_many.addStretch(1)
        find.addLayout(how_many)
        rows = QHBoxLayout()
        for key in ("more", "fewer", "remove", "clear"):
            rows.addWidget(self.buttons[key])
        left = QVBoxLayout()
        left.addWidget(polish(QLabel(_("价签")), "title"))
        left.addLayout(find)
        left.addWidget(self.table, 1)
        left.addLayout(rows)
        right = QVBoxLayout()
        right.addWidget(self.options)
        right.addStretch(1)
        actions = QHBoxLayout()   # side by side: the column fits a 768-pixel screen
        actions.addWidget(self.buttons["make"], 3)
        actions.addWidget(self.buttons["open"], 2)
        right.addLayout(actions)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.feedback)

    def load(self) -> None:
        self.session.runner.run(lambda: labels.categories(self.session.context()),
                                self.options.set_categories, self._refused)
        self.query.setFocus()

    def on_scan(self, code: str) -> None:
        self.add(code)

    def add(self, query: str) -> None:
        query, copies = query.strip(), self.copies.value()
        if not query:
            return
        self.session.runner.run(lambda: labels.find(self.session.context(), query, copies),
                                self._added, self._refused)

    def _added(self, line: labels.LabelLine) -> None:
        row = self.model.add(line)
        self.table.selectRow(row)
        self.query.clear()
        self.options.choose_scope("list")
        self.feedback.show_message(_("已加入 {name}（{price} 分）：共 {copies} 张").format(name=line.name, price=line.price, copies=self.model.lines[row].copies), "ok")

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _bump(self, delta: int) -> None:
        row = self._selected_row()
        if row is not None:
            self.model.set_copies(row, self.model.lines[row].copies + delta)

    def _remove(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.model.remove(row)

    def make(self) -> None:
        suggested = Path.home() / f"价签-{datetime.now():%Y%m%d-%H%M}.pdf"
        path = self.ask_path(self, suggested)
        if path:
            self.save_pdf(path)

    @classmethod
    def ask_path(cls, parent: QWidget, suggested: Path) -> str:
        """Where to save (a dialog; tests replace it)."""
        path = file_dialogs.save_file(parent, _("价签 PDF 存到哪里"), str(suggested),
                                      file_dialogs.filters(file_dialogs.PDF))
        return path

    def save_pdf(self, path: str | Path) -> None:
        """Gather the chosen goods and write the PDF, off the GUI thread."""
        choice, listed = self.options.choice(), list(self.model.lines)
        copies = self.copies.value()
        self.session.runner.run(lambda: self._write(self.session.context(), choice, listed, copies, path),
                                self._saved, self._refused)

    @staticmethod
    def _write(ctx, choice: Choice, listed, copies: int, path) -> labels.LabelsFile:
        if choice.scope != "list":
            listed = labels.on_sale(ctx, category=choice.category if choice.scope == "category" else None,
                                    changed_since=choice.since if choice.scope == "changed" else None,
                                    copies=copies)
        return labels.save_pdf(ctx, listed, choice.sheet, choice.skip, path)

    def _saved(self, done: labels.LabelsFile) -> None:
        self.saved = done.path
        self.buttons["open"].setEnabled(True)
        self.feedback.show_message(_("已生成 {name}：{labels} 张价签，{pages} 页。点“打开 PDF 去打印”，打印时选“实际大小”。").format(name=done.path.name, labels=done.labels, pages=done.pages),
            "ok")

    def open_saved(self) -> None:
        if self.saved is not None:
            self.open_file(self.saved)

    @staticmethod
    def open_file(path: Path) -> None:
        """In the PDF viewer, which prints through the system (the label printer's driver too)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
