"""A report's tables as reportlab flowables: columns sized to their text, headers repeated.

Numbers are right-aligned; a text column too wide for the page wraps inside its
cell. Sizes come from a `Look`: ordinary reports, or the notice board's large type.

Long tables (the stock of 5,000 goods, ~100 pages) are cut into page-sized reportlab
tables as the page fills (`PagedTable`): one reportlab table of all the rows would be
measured again at every page break, all of its remaining rows each time. Each text's
width is measured once, and a cell is a Paragraph only when it must wrap or needs a
fallback font (glyph_runs); plain strings are drawn as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus import Table as PdfTable

from kiosk.printing.glyph_runs import markup, needs_fallback

if TYPE_CHECKING:
    from kiosk.documents.report import Table

HEADER_BG, TOTAL_BG, STRIPE = colors.HexColor("#ebe5d8"), colors.HexColor("#f4f1ea"), colors.HexColor("#faf8f3")
RULE = colors.HexColor("#8a8272")
WIDEST_SHARE = 0.45        # no column takes more than this share of the page before wrapping
SIDE_PAD = 6               # reportlab's own left and right cell padding
LONG_TABLE = 60            # rows: a longer table is cut into page-sized tables


@dataclass(frozen=True)
class Look:
    font: str
    size: float            # table text
    pad: float             # cell padding, top and bottom

    @property
    def cell(self) -> ParagraphStyle:
        return ParagraphStyle("cell", fontName=self.font, fontSize=self.size, leading=self.size * 1.25,
                              wordWrap="CJK")


def _text(value) -> str:
    return "" if value is None else str(value)


class _Widths:
    """Each distinct text measured once (numbers and units repeat thousands of times)."""

    def __init__(self, look: Look) -> None:
        self.look, self.known = look, {}

    def __call__(self, text: str) -> float:
        width = self.known.get(text)
        if width is None:
            width = self.known[text] = stringWidth(text, self.look.font, self.look.size)
        return width


@lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


class _BatchedTable(PdfTable):
    """A reportlab table whose plain one-line text cells are written into one PDF text object
    per table, instead of a text object (and its state changes) per cell; the rest (paragraphs,
    backgrounds, lines) is drawn by reportlab as usual, at the same places."""

    _batch: list | None = None

    def draw(self) -> None:
        self._batch = []
        try:
            super().draw()
            batch = self._batch
        finally:
            self._batch = None
        if batch:
            self._write(batch)

    def _write(self, batch: list) -> None:
        text, current = self.canv.beginText(), None
        code = text._code            # each cell places itself (Tm): no cursor to follow
        for n, (x, y, value, style) in enumerate(batch):
            if n:
                code.append("ET BT")     # each cell its own text, as a reader copies it out
            if (style.fontname, style.fontsize, style.color) != current:
                text.setFont(style.fontname, style.fontsize, style.leading)
                text.setFillColor(style.color)
                current = (style.fontname, style.fontsize, style.color)
            code.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
            code.append(text._formatText(value))
        self.canv.drawText(text)

    def _drawCell(self, value, style, pos, size) -> None:
        plain = (self._batch is not None and isinstance(value, str) and "\n" not in value
                 and style.valign == "MIDDLE" and style.alignment in ("LEFT", "RIGHT")
                 and not (style.href or style.destination or style.direction or style.shaping))
        if not plain:
            super()._drawCell(value, style, pos, size)
            return
        if not value:
            return
        (left, bottom), (width, height) = pos, size
        if style.alignment == "LEFT":
            x = left + style.leftPadding
        else:
            x = left + width - style.rightPadding - _width(value, style.fontname, style.fontsize)
        y = bottom + (style.bottomPadding + height - style.topPadding + style.leading) / 2.0 - style.fontsize
        self._batch.append((x, y, value, style))


def _widths(table: Table, measured: list[list[float]], look: Look, available: float) -> list[float]:
    natural = [max(row[i] for row in measured) + 2 * look.size * 0.6 for i in range(len(table.columns))]
    if sum(natural) <= available:
        spare = (available - sum(natural)) / len(natural)
        return [w + spare for w in natural]
    fixed = [min(w, available * WIDEST_SHARE) for w in natural]
    scale = available / sum(fixed)
    return [w * scale for w in fixed]


def _wrapped(rows: list[list[str]], measured: list[list[float]], widths: list[float], look: Look,
             table: Table) -> list[list]:
    """Text cells wider than their column become paragraphs, which wrap; so do texts that
    need a fallback font for a rare character."""
    style = look.cell
    text_column = [c.kind == "text" for c in table.columns]
    room = [w - look.size for w in widths]
    out = []
    for row, row_widths in zip(rows, measured):
        cells = []
        for i, text in enumerate(row):
            plain = (row_widths[i] <= room[i] or not text_column[i]) and (text.isascii() or not needs_fallback(text))
            cells.append(text if plain else Paragraph(markup(text), style))
        out.append(cells)
    return out


def _style(table: Table, rows: int, look: Look, first: int = 1, total: bool | None = None) -> TableStyle:
    """The style of a table of a header and `rows` rows, the first of them the report table's
    row `first` (stripes go on across cut tables); the last row is the total when `total`."""
    total = table.total is not None if total is None else total
    commands = [
        ("FONT", (0, 0), (-1, -1), look.font, look.size),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), look.pad), ("BOTTOMPADDING", (0, 0), (-1, -1), look.pad),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for i, column in enumerate(table.columns):
        if column.kind != "text":
            commands.append(("ALIGN", (i, 0), (i, -1), "RIGHT"))
    body = rows - 1 if total else rows
    commands += [("BACKGROUND", (0, r), (-1, r), STRIPE)
                 for r in range(1, body + 1) if (first + r - 1) % 2 == 0]
    if total:
        commands += [("BACKGROUND", (0, rows), (-1, rows), TOTAL_BG),
                     ("LINEABOVE", (0, rows), (-1, rows), 0.8, RULE)]
    return TableStyle(commands)


def _row_height(cells: list, widths: list[float], look: Look) -> float:
    line = look.size * 1.2
    for cell, width in zip(cells, widths):
        if isinstance(cell, Paragraph):
            line = max(line, cell.wrap(width - 2 * SIDE_PAD, 10 ** 6)[1])
    return line + 2 * look.pad


class PagedTable(Flowable):
    """A long table laid out a page at a time: at each page break the rows that fit become
    one reportlab table (the header on top), and the rest wait for the next page."""

    def __init__(self, table: Table, look: Look, header: list, body: list[list], total: list | None,
                 widths: list[float], heights: list[float] | None = None, first: int = 1) -> None:
        super().__init__()
        self.table, self.look, self.header, self.body, self.total = table, look, header, body, total
        self.widths, self.first = widths, first
        self.heights = heights if heights is not None else [_row_height(r, widths, look) for r in body]
        self.header_height = _row_height(header, widths, look)
        self.total_height = _row_height(total, widths, look) if total is not None else 0

    def wrap(self, available_width, available_height):
        self.width = sum(self.widths)
        self.height = self.header_height + sum(self.heights) + self.total_height
        return self.width, self.height

    def _part(self, count: int, with_total: bool) -> PdfTable:
        rows = [self.header, *self.body[:count]] + ([self.total] if with_total else [])
        part = _BatchedTable(rows, colWidths=self.widths, repeatRows=1)
        part.setStyle(_style(self.table, len(rows) - 1, self.look, self.first, with_total))
        return part

    def _fitting(self, available_height: float) -> int:
        room, count = available_height - self.header_height, 0
        for height in self.heights:
            if room < height:
                break
            room -= height
            count += 1
        return count

    def split(self, available_width, available_height):
        count = self._fitting(available_height)
        if count == 0:
            return []                        # not even one row: the next page
        last = count == len(self.body)
        part = self._part(count, last and self.total is not None)
        while count > 1 and part.wrap(available_width, available_height)[1] > available_height:
            count, last = count - 1, False          # taller than estimated: one row fewer
            part = self._part(count, False)
        if last:
            return [part]
        rest = PagedTable(self.table, self.look, self.header, self.body[count:], self.total, self.widths,
                          self.heights[count:], self.first + count)
        return [part, rest]

    def draw(self) -> None:
        part = self._part(len(self.body), self.total is not None)
        part.wrapOn(self.canv, self.width, self.height)
        part.drawOn(self.canv, 0, 0)


def table_flowable(table: Table, look: Look, available: float) -> Flowable:
    rows = [[c.title for c in table.columns]] + [[_text(v) for v in row] for row in table.rows]
    if table.total is not None:
        rows.append([_text(v) for v in table.total])
    width = _Widths(look)
    measured = [[width(text) for text in row] for row in rows]
    widths = _widths(table, measured, look, available)
    cells = _wrapped(rows, measured, widths, look, table)
    if len(table.rows) > LONG_TABLE:
        total = cells[-1] if table.total is not None else None
        body = cells[1:-1] if table.total is not None else cells[1:]
        return PagedTable(table, look, cells[0], body, total, widths)
    flowable = _BatchedTable(cells, colWidths=widths, repeatRows=1)
    flowable.setStyle(_style(table, len(table.rows) + (table.total is not None), look))
    return flowable
