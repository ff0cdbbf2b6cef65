"""A receipt as a PDF as wide as the paper roll and as tall as its content.

The CJK font is embedded (subset); the receipt number is reportlab's own vector
Code128 with whole-dot modules, so it decodes when printed at 203 dpi.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfgen.canvas import Canvas

from kiosk.core.receipts import REFUND_MARK, parse_refund_number
from kiosk.printing.atomic import write_atomic
from kiosk.printing.barcode_fit import module_dots
from kiosk.printing.fonts import reportlab_font
from kiosk.printing.paper import DPI, PT_PER_MM, QUIET_MODULES, Paper, paper_for
from kiosk.printing.pdf_text import draw
from kiosk.printing.receipt_layout import Row, layout

if TYPE_CHECKING:
    from kiosk.documents.receipt import Receipt

DOT = 72 / DPI              # one printer dot in points
TOP_MM, BOTTOM_MM = 4.0, 6.0
BAR_HEIGHT_MM, BAR_GAP_MM = 10.0, 1.5


@dataclass(frozen=True)
class _Page:
    canvas: Canvas
    paper: Paper
    font: str

    @property
    def column(self) -> float:  # a half-width column
        return self.paper.printable_mm / self.paper.columns * PT_PER_MM

    @property
    def size(self) -> float:    # a Chinese character is two columns wide
        return 2 * self.column

    @property
    def x0(self) -> float:
        return self.paper.margin_mm * PT_PER_MM

    @property
    def x1(self) -> float:
        return (self.paper.width_mm - self.paper.margin_mm) * PT_PER_MM

    @property
    def middle(self) -> float:
        return self.paper.width_mm * PT_PER_MM / 2


def _height(row: Row, size: float) -> float:
    if row.kind == "title":
        return 2.5 * size
    if row.kind == "rule":
        return 0.8 * size
    if row.kind == "barcode":
        return (BAR_HEIGHT_MM + 2 * BAR_GAP_MM) * PT_PER_MM + 1.35 * size
    return 1.35 * size


def _text(page: _Page, row: Row, top: float, size: float) -> None:
    c, baseline = page.canvas, top - 1.05 * size
    c.setFont(page.font, size)
    if row.kind in ("title", "center"):
        draw(c, page.middle, baseline, row.left, size, "middle")
        return
    draw(c, page.x0, baseline, row.left, size)
    for text, end in row.stops(page.paper.columns):
        draw(c, page.x0 + end * page.column, baseline, text, size, "end")


def _rule(page: _Page, top: float) -> None:
    c, y = page.canvas, top - 0.4 * page.size
    c.setLineWidth(0.5)
    c.setDash(2, 1.5)
    c.line(page.x0, y, page.x1, y)
    c.setDash()


def _barcode(page: _Page, row: Row, top: float) -> None:
    module = module_dots(page.paper, row.left) * DOT
    code = Code128(row.left, barWidth=module, barHeight=BAR_HEIGHT_MM * PT_PER_MM, quiet=1,
                   lquiet=QUIET_MODULES * module, rquiet=QUIET_MODULES * module, humanReadable=0)
    x = round((page.middle - code.width / 2) / DOT) * DOT      # bars on the printer's dot grid
    bottom = top - (BAR_GAP_MM + BAR_HEIGHT_MM) * PT_PER_MM
    code.drawOn(page.canvas, x, bottom)
    below = Row("center", row.right)
    _text(page, below, bottom - BAR_GAP_MM * PT_PER_MM, page.size)


def _draw(page: _Page, row: Row, top: float) -> None:
    if row.kind == "rule":
        _rule(page, top)
    elif row.kind == "barcode":
        _barcode(page, row, top)
    else:
        _text(page, row, top, 2 * page.size if row.kind == "title" else page.size)


def render_pdf(receipt: Receipt, width_mm: int = 58, lang: str = "zh") -> bytes:
    """The receipt as PDF bytes for 58 or 80 mm paper."""
    paper, font = paper_for(width_mm), reportlab_font()
    rows = layout(receipt, paper.columns, lang)
    size = 2 * paper.printable_mm / paper.columns * PT_PER_MM
    height = (TOP_MM + BOTTOM_MM) * PT_PER_MM + sum(_height(row, size) for row in rows)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(paper.width_mm * PT_PER_MM, height), invariant=1,
                    initialFontName=font, initialFontSize=size)
    canvas.setTitle(receipt.number)
    page, top = _Page(canvas, paper, font), height - TOP_MM * PT_PER_MM
    for row in rows:
        _draw(page, row, top)
        top -= _height(row, size)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pdf_path(receipt: Receipt, folder: Path) -> Path:
    """<folder>/<YYYY-MM>/<number>[-refund-n][-copy].pdf; the month comes from the number."""
    slip = parse_refund_number(receipt.number) if receipt.number.startswith(REFUND_MARK) else None
    base = slip[0] if slip else receipt.number
    match = re.match(r"(\d\d)(\d\d)\d\d-", base)
    month = f"20{match[1]}-{match[2]}" if match else receipt.at[:7]
    name = re.sub(r"[^0-9A-Za-z-]", "_", base)
    if slip:
        name += f"-refund-{slip[1]}"
    elif receipt.kind == "refund":
        name += "-refund" + (f"-{receipt.slip[-6:]}" if getattr(receipt, "slip", "") else "")
    name += "-copy" if receipt.copy else ""
    return Path(folder) / re.sub(r"[^0-9-]", "_", month) / f"{name}.pdf"


def save_pdf(receipt: Receipt, folder: Path, width_mm: int = 58, lang: str = "zh") -> Path:
    """Render and write the PDF safely (temp file, fsync, rename); returns its path."""
    return write_atomic(pdf_path(receipt, folder), render_pdf(receipt, width_mm, lang))
