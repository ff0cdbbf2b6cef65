"""The goods chosen for price labels, with how many labels of each: a thin table model."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from kiosk.i18n import _, _p
from kiosk.services.shop.labels import MAX_COPIES, LabelLine

NAME, CODE, PRICE, COPIES = range(4)
_ROOT = QModelIndex()


class LabelsTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[LabelLine] = []
        self.headers = [_("商品"), _("条码"), _p("labels_table_model", "价格"),
                        _("张数")]

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.name, line.code, str(line.price), str(line.copies))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def add(self, line: LabelLine) -> int:
        """Append, or add the copies to the same product already listed; returns its row."""
        for row, listed in enumerate(self.lines):
            if listed.code == line.code:
                self.set_copies(row, listed.copies + line.copies)
                return row
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
        self.lines.append(line)
        self.endInsertRows()
        return len(self.lines) - 1

    def set_copies(self, row: int, copies: int) -> None:
        self.lines[row] = replace(self.lines[row], copies=max(1, min(MAX_COPIES, copies)))
        self.dataChanged.emit(self.index(row, COPIES), self.index(row, COPIES))

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.lines[row]
        self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.lines = []
        self.endResetModel()

    def total(self) -> int:
        return sum(line.copies for line in self.lines)
