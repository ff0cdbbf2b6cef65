"""Painting the catalogue list's cells from laid-out text kept between repaints.

The list repaints at every keystroke of the search; laying out each cell's text
again (hanzi through the font fallback) was most of that time. A cell's text, cut
to its column's width, is laid out once as a QStaticText and drawn from it after.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from kiosk.ui.manage.catalogue_table_model import PRICE

PAD = 8
KEPT = 4000                      # laid-out texts kept; the cache starts over past that
RETIRED = QColor("#8a857a")


class CatalogueDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._laid_out: dict[tuple[str, int], QStaticText] = {}

    def paint(self, painter, option, index) -> None:
        model = index.model()
        row, column = index.row(), index.column()
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, option.palette.highlight())
            painter.setPen(option.palette.highlightedText().color())
        else:
            painter.setPen(RETIRED if model.is_retired(row) else option.palette.text().color())
        text = self._text(model.text(row, column), rect.width() - 2 * PAD, option)
        size = text.size()
        x = rect.right() - PAD - size.width() if column >= PRICE else rect.x() + PAD
        painter.drawStaticText(QPointF(x, rect.y() + (rect.height() - size.height()) / 2), text)

    def _text(self, text: str, width: int, option) -> QStaticText:
        key = (text, width)
        laid_out = self._laid_out.get(key)
        if laid_out is None:
            if len(self._laid_out) > KEPT:
                self._laid_out.clear()
            cut = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, width))
            laid_out = QStaticText(cut)
            laid_out.setTextFormat(Qt.TextFormat.PlainText)
            laid_out.prepare(font=option.font)
            self._laid_out[key] = laid_out
        return laid_out
