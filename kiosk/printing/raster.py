"""A receipt as a 1-bit image as wide as the print head (384 or 576 dots).

For printers without a Chinese font: the text is drawn with the CJK TrueType
font at the printer's 24-dot size, and Code128 is drawn bar by bar with whole-dot
modules, so the printed code is as sharp as the printer's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from kiosk.printing.barcode_fit import code_modules, module_dots
from kiosk.printing.fonts import pil_font
from kiosk.printing.glyph_runs import runs
from kiosk.printing.paper import QUIET_MODULES, Paper, paper_for
from kiosk.printing.receipt_layout import Row, layout

if TYPE_CHECKING:
    from kiosk.documents.receipt import Receipt

TOP, BOTTOM = 8, 24             # dots
BAR_HEIGHT, BAR_GAP = 80, 12    # 10 mm bars


def _size(paper: Paper) -> int:
    return 2 * paper.dots // paper.columns      # 24 dots: the 12x24 font's Chinese size


def _height(row: Row, size: int) -> int:
    return {"title": 5 * size // 2, "rule": size * 3 // 4,
            "barcode": BAR_HEIGHT + 2 * BAR_GAP + size * 5 // 4}.get(row.kind, size * 5 // 4)


def draw_text(draw: ImageDraw.ImageDraw, x: float, baseline: int, text: str, size: int,
              anchor: str = "start") -> None:
    """One line from x (start), ending at x (end) or centred on x (middle); each run
    in the font that has its characters (𠮷 from the fallback font)."""
    pieces = [(pil_font(size, name), part) for name, part in runs(text)]
    span = sum(font.getlength(part) for font, part in pieces)
    x -= {"start": 0, "middle": span / 2, "end": span}[anchor]
    for font, part in pieces:
        draw.text((x, baseline), part, font=font, fill=0, anchor="ls")
        x += font.getlength(part)


def _text(draw: ImageDraw.ImageDraw, paper: Paper, row: Row, top: int, size: int) -> None:
    baseline = top + size
    if row.kind in ("title", "center"):
        draw_text(draw, paper.dots // 2, baseline, row.left, size, "middle")
        return
    column = paper.dots // paper.columns
    draw_text(draw, 0, baseline, row.left, size)
    for text, end in row.stops(paper.columns):
        draw_text(draw, end * column, baseline, text, size, "end")


def _rule(draw: ImageDraw.ImageDraw, paper: Paper, top: int, size: int) -> None:
    y = top + size * 3 // 8
    for x in range(0, paper.dots, 12):
        draw.rectangle((x, y, x + 7, y + 1), fill=0)


def barcode_modules(digits: str) -> str:
    """Code128 (code set C for digit pairs) as '1' bar / '0' space modules."""
    return code_modules(digits)


def _barcode(draw: ImageDraw.ImageDraw, paper: Paper, row: Row, top: int, size: int) -> None:
    modules, module = barcode_modules(row.left), module_dots(paper, row.left)
    span = (len(modules) + 2 * QUIET_MODULES) * module
    x0 = (paper.dots - span) // 2 + QUIET_MODULES * module
    y0 = top + BAR_GAP
    for i, bit in enumerate(modules):
        if bit == "1":
            x = x0 + i * module
            draw.rectangle((x, y0, x + module - 1, y0 + BAR_HEIGHT - 1), fill=0)
    _text(draw, paper, Row("center", row.right), y0 + BAR_HEIGHT + BAR_GAP, size)


def _draw(draw: ImageDraw.ImageDraw, paper: Paper, row: Row, top: int, size: int) -> None:
    if row.kind == "rule":
        _rule(draw, paper, top, size)
    elif row.kind == "barcode":
        _barcode(draw, paper, row, top, size)
    else:
        _text(draw, paper, row, top, 2 * size if row.kind == "title" else size)


def render_row(row: Row, width_mm: int = 58) -> Image.Image:
    """One row as a 1-bit image: a line the printer's own font cannot print (𠮷, 😀)."""
    paper, size = paper_for(width_mm), _size(paper_for(width_mm))
    image = Image.new("L", (paper.dots, _height(row, 2 * size if row.kind == "title" else size)), 255)
    _draw(ImageDraw.Draw(image), paper, row, 0, size)
    return image.convert("1", dither=Image.Dither.NONE)


def render_image(receipt: Receipt, width_mm: int = 58, lang: str = "zh") -> Image.Image:
    """The receipt as a 1-bit image (black = print) for 58 or 80 mm paper."""
    paper = paper_for(width_mm)
    rows, size = layout(receipt, paper.columns, lang), _size(paper)
    image = Image.new("L", (paper.dots, TOP + BOTTOM + sum(_height(r, size) for r in rows)), 255)
    draw, top = ImageDraw.Draw(image), TOP
    for row in rows:
        _draw(draw, paper, row, top, size)
        top += _height(row, size)
    return image.convert("1", dither=Image.Dither.NONE)
