"""The catalogue list: name (with its state), barcode, price, stock; retired rows greyed.

It holds every product the search found (the whole catalogue when nothing is typed) and
hands the view a page of rows at a time (canFetchMore/fetchMore) as it scrolls, so a list
of 5,000 goods opens as fast as one of 100 and still scrolls to its last row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from kiosk.core.catalogue_index import Entry
from kiosk.i18n import _, _p

NAME, CODE, PRICE, STOCK = range(4)
PAGE = 100   # rows made at a time, as the list scrolls down
_GREY = QBrush(QColor("#8a857a"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY, _ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND, _TOOLTIP = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole


def _namer():
    retired, township = _("（已下架）"), _("（乡镇）")
    return lambda e: e.name + ("" if e.active else retired) + (township if e.township else "")


class CatalogueTableModel(QAbstractTableModel):
    rows_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []                 # every row found; the view has the first _shown
        self._shown = 0
        self._texts: list[tuple[str, str, str, str]] = []
        self._made: dict[Entry, tuple[str, str, str, str]] = {}   # an entry's texts, made once
        self._name = _namer()

    def headers(self) -> list[str]:
        return [_p("catalogue_table_model", "名称"), _("条码"), _("积分"), _p("catalogue_table_model#2", "库存")]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self.entries)

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        if not parent.isValid():
            self.show_through(self._shown + PAGE - 1)

    def show_through(self, row: int) -> None:
        """The view gets every row up to `row` (to scroll to it, or to select it)."""
        last = min(row, len(self.entries) - 1)
        if last < self._shown:
            return
        self.beginInsertRows(QModelIndex(), self._shown, last)
        self._texts += [self._made.get(e) or self._make(e) for e in self.entries[self._shown:last + 1]]
        self._shown = last + 1
        self.endInsertRows()

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role=_DISPLAY):
        # called for every role of every visible cell at each repaint: kept to lookups
        if role == _DISPLAY:
            return self._texts[index.row()][index.column()]
        if role == _ALIGN:
            return _RIGHT if index.column() >= PRICE else None
        if role == _FOREGROUND:
            return None if self.entries[index.row()].active else _GREY
        if role == _TOOLTIP:
            return self.entries[index.row()].category
        return None

    def set_rows(self, entries) -> None:
        """The entries to list; the first page's texts made here (not at every repaint).

        Told to the view as rows changed, added or removed rather than as a reset: at
        every keystroke of the search, a reset would also lay out the header and
        scroll bars again. A list whose rows on show stay the same (a key that narrows
        5,000 matches to 4,000 with the same first page) repaints nothing."""
        new = list(entries)
        after = min(len(new), PAGE)
        before = self._shown
        if before == after and all(a is b for a, b in zip(new[:after], self.entries)):
            self.entries = new
            return
        texts = [self._made.get(e) or self._make(e) for e in new[:after]]
        if after < before:
            self.beginRemoveRows(QModelIndex(), after, before - 1)
        elif after > before:
            self.beginInsertRows(QModelIndex(), before, after - 1)
        self.entries, self._texts, self._shown = new, texts, after
        if after < before:
            self.endRemoveRows()
        elif after > before:
            self.endInsertRows()
        if min(before, after):
            self.dataChanged.emit(self.index(0, 0), self.index(min(before, after) - 1, STOCK))
        self.rows_changed.emit()

    def _make(self, e: Entry) -> tuple[str, str, str, str]:
        texts = self._made[e] = (self._name(e), e.code, str(e.price), f"{e.stock}{e.unit}")
        return texts

    def text(self, row: int, column: int) -> str:
        return self._texts[row][column]

    def is_retired(self, row: int) -> bool:
        return not self.entries[row].active

    def entry(self, row: int) -> Entry | None:
        return self.entries[row] if 0 <= row < self._shown else None

    def row_of(self, product_id: str) -> int:
        """The product's row among all found (made visible with show_through), or -1."""
        return next((i for i, e in enumerate(self.entries) if e.id == product_id), -1)
