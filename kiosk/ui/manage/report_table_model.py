"""One table of a report, as a thin Qt model: headers, text, numbers to the right."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

TOTAL = QColor("#ebe5d8")


class ReportTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []
        self.numeric: list[bool] = []
        self.rows: list[list[str]] = []
        self.has_total = False

    def set_table(self, table) -> None:
        """Show a `figures.Table` (None empties the model)."""
        self.beginResetModel()
        self.titles = [c.title for c in table.columns] if table else []
        self.numeric = [c.kind != "text" for c in table.columns] if table else []
        rows = list(table.rows) if table else []
        self.has_total = bool(table and table.total is not None and rows)
        if self.has_total:
            rows.append(table.total)
        self.rows = [["" if v is None else str(v) for v in row] for row in rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.titles)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles[section] if 0 <= section < len(self.titles) else None
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.numeric[index.column()]:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        last = self.has_total and index.row() == len(self.rows) - 1
        if role == Qt.ItemDataRole.BackgroundRole and last:
            return QBrush(TOTAL)
        if role == Qt.ItemDataRole.FontRole and last:
            font = QFont()
            font.setBold(True)
            return font
        return None
