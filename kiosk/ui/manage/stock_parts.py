"""What the stock sections share: a thin table model, a table view, where papers go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QPushButton, QTableView

from kiosk.i18n import _
from kiosk.services.shop import products
from kiosk.ui.theme import INFO
from kiosk.ui.widgets.hint_room import keep_hint_whole

PALE_RED, PALE_GREEN = QColor("#fde0dc"), QColor("#dff3e4")


class RowsTableModel(QAbstractTableModel):
    """Plain rows of text under fixed headers; a row may carry a tint ('bad' or 'good')."""

    def __init__(self, headers: list[str], right_from: int = 99) -> None:
        super().__init__()
        self.headers, self.right_from = headers, right_from
        self.rows: list[list[str]] = []
        self.tints: list[str] = []

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= self.right_from:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.tints[index.row()]:
            return QBrush(PALE_RED if self.tints[index.row()] == "bad" else PALE_GREEN)
        return None

    def set_rows(self, rows: list[list[str]], tints: list[str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.tints = tints or [""] * len(rows)
        self.endResetModel()

    def column(self, n: int) -> list[str]:
        return [row[n] for row in self.rows]


def table_view(model: RowsTableModel, name: str, stretch: int = 0) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(46)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def line_edit(name: str, placeholder: str, width: int | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    if width:
        edit.setMaximumWidth(width)      # short fields stay short, but never cut their hint
    return keep_hint_whole(edit)


def toggle_button(text: str, name: str) -> QPushButton:
    """A finger-sized on/off button that shows plainly when it is on (a check box is too small)."""
    button = QPushButton(text, checkable=True)
    button.setObjectName(name)
    button.setStyleSheet(f"QPushButton:checked {{ background: {INFO}; color: white; border-color: {INFO}; }}")
    return button


def papers_dir(session, kind: str) -> Path:
    """Where the shop's stock papers go: beside the receipts, by kind (入库单, 盘点表)."""
    base = session.receipts_dir.parent if session.receipts_dir else Path.home() / "积分超市"
    return base / kind


def open_document(path: Path) -> None:
    """Show a saved PDF in the computer's viewer, from where it prints (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def saved_words(path: Path) -> str:
    return _("已存为 {path}，已打开，可以从那里打印。").format(path=path)


class PicksProducts:
    """For a section that takes goods by a scan or a typed code or name.

    The section has `session`, a `code` line edit and `_refused`; it gets
    `picked(product or None, code)` back on the GUI thread.
    """

    def on_scan(self, code: str) -> None:
        self.session.runner.run(lambda: products.by_scan(self.session.reader(), code),
                                lambda found: self.picked(found, code), self._refused)

    def code_entered(self) -> None:
        text = self.code.text().strip()
        self.code.clear()
        if text:
            self.session.runner.run(lambda: products.resolve(self.session.reader(), text),
                                    lambda found: self.picked(found, text), self._refused)
