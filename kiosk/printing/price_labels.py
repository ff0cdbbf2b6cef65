"""Price labels (价签) as a PDF: name, points price and barcode on each label of a
sheet (see label_sheets), the CJK font embedded, barcodes as vector EAN.

Each label is laid out in its own content box, top to bottom: the name (two lines
at most, shrunk or cut with … before it could overflow), the price, the barcode.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from kiosk.printing.fonts import reportlab_font
from kiosk.printing.label_barcode import Symbol, fitting
from kiosk.printing.label_sheets import Box, Sheet, placements
from kiosk.printing.label_text import LEADING, fit, scale_to, width
from kiosk.printing.paper import PT_PER_MM
from kiosk.printing.pdf_text import draw

NAME_MIN_PT = 6.0
GAP_PT = 2.0            # between the name, the price and the barcode
CURRENCY_RATIO = 0.42   # currency and unit beside the big price figure
BASELINE = 0.24         # a CJK baseline sits this far (× size) above the line box bottom


@dataclass(frozen=True)
class Tag:
    code: str
    name: str
    price: str          # as shown: "50", "5.5"
    currency: str       # the village's: 美德积分, 海贝分 …
    unit: str = ""


@dataclass(frozen=True)
class _Area:
    """A label's content box in points, reportlab's way up."""
    left: float
    top: float
    width: float
    height: float

    @classmethod
    def of(cls, box: Box, page_height: float) -> _Area:
        return cls(box.x * PT_PER_MM, page_height - box.y * PT_PER_MM, box.w * PT_PER_MM,
                   box.h * PT_PER_MM)

    @property
    def middle(self) -> float:
        return self.left + self.width / 2

    @property
    def bottom(self) -> float:
        return self.top - self.height


class _Painter:
    def __init__(self, canvas: Canvas, sheet: Sheet, font: str) -> None:
        self.canvas, self.sheet, self.font = canvas, sheet, font
        self.symbols: dict[tuple, Symbol | None] = {}

    def label(self, tag: Tag, area: _Area) -> None:
        bar_h = min(self.sheet.bar_mm * PT_PER_MM, 0.45 * area.height)
        price_h = self.sheet.price_pt
        name_room = area.height - bar_h - price_h - 2 * GAP_PT
        name_bottom = self._name(tag.name, area, name_room)
        self._price(tag, area, name_bottom, area.bottom + bar_h)
        self._barcode(tag.code, area, bar_h)

    def _name(self, name: str, area: _Area, room: float) -> float:
        block = fit(name, self.font, self.sheet.name_pt, NAME_MIN_PT, area.width, room)
        y = area.top
        for line in block.lines:
            y -= block.size * LEADING
            draw(self.canvas, area.middle, y + BASELINE * block.size, line, block.size, "middle")
        return y

    def _price(self, tag: Tag, area: _Area, top: float, bottom: float) -> None:
        size = self.sheet.price_pt
        small = " " + tag.currency + (f"/{tag.unit}" if tag.unit else "")
        parts = [(tag.price, size), (small, size * CURRENCY_RATIO)]
        scale = scale_to(parts, self.font, area.width)
        size *= scale
        widths = [width(text, self.font, pt * scale) for text, pt in parts]
        x = area.middle - sum(widths) / 2
        baseline = (top + bottom) / 2 - 0.36 * size   # figures stand about 0.72 × size tall
        text = self.canvas.beginText(x, baseline)
        text.setFont(self.font, size)
        text.setTextRenderMode(2)                       # fill and stroke: a bolder figure
        self.canvas.setLineWidth(size * 0.03)
        text.textOut(tag.price)
        text.setTextRenderMode(0)
        text.setFont(self.font, size * CURRENCY_RATIO)
        text.textOut(small)
        self.canvas.drawText(text)

    def _barcode(self, code: str, area: _Area, height: float) -> None:
        key = (code, round(area.width, 2), round(height, 2))
        if key not in self.symbols:
            self.symbols[key] = fitting(code, self.sheet.module_dots, area.width, height, self.font)
        symbol = self.symbols[key]
        if symbol is None:      # no barcode fits: the code as text, to type in at the counter
            self.canvas.setFont(self.font, 8)
            self.canvas.drawCentredString(area.middle, area.bottom + 2, code)
            return
        symbol.draw(self.canvas, area.middle - symbol.width / 2, area.bottom)


def render_pdf(tags: Sequence[Tag], sheet: Sheet, skip: int = 0, title: str = "价签") -> bytes:
    """The labels, one after another from position `skip` of the first page."""
    if not tags:
        raise ValueError("no labels to print")
    font = reportlab_font()
    buffer = io.BytesIO()
    page_width, page_height = sheet.page_pt
    canvas = Canvas(buffer, pagesize=(page_width, page_height), invariant=1,
                    initialFontName=font)
    canvas.setTitle(title)
    painter, page = _Painter(canvas, sheet, font), 0
    for tag, spot in zip(tags, placements(sheet, len(tags), skip), strict=True):
        if spot.page != page:
            canvas.showPage()
            page = spot.page
        painter.label(tag, _Area.of(sheet.content(spot.position), page_height))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
