"""The barcode on a price label: reportlab's own vector EAN-13, EAN-8 or UPC-A, as
the product's code is (Code128 for a code that is none of them).

Modules are whole dots of a 203-dpi printer and the symbol's left edge sits on
that dot grid, so every bar prints sharp; raster barcodes do not decode at 203 dpi.
The widget's bars and digits are taken out once and drawn as one filled path:
reportlab's drawing renderer took 20 ms a barcode, too slow for a sheet run.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.graphics.barcode.eanbc import UPCA, Ean8BarcodeWidget, Ean13BarcodeWidget
from reportlab.graphics.barcode.widgets import BarcodeCode128
from reportlab.graphics.shapes import Group, Rect, String
from reportlab.pdfgen.canvas import Canvas

from kiosk.core.barcodes import check_digit
from kiosk.printing.paper import DPI

DOT = 72 / DPI                  # one printer dot, in points
DIGITS_PT_PER_DOT = 2.9         # the digits under the bars grow with the module
MIN_DOTS = 2                    # 0.25 mm: the narrowest bar a shop scanner reads well
# reportlab's EAN widgets keep 9 modules of quiet zone each side (their lquiet and
# rquiet only take booleans); EAN-13 wants 11 on the left: callers keep SPARE_MODULES free.
SPARE_MODULES = 2
_KINDS = {13: (Ean13BarcodeWidget, 12), 8: (Ean8BarcodeWidget, 7), 12: (UPCA, 11)}


def kind_of(code: str) -> str:
    """'ean13', 'upca', 'ean8' for a valid retail code; 'code128' for anything else."""
    if not code.isascii() or not code.isdigit() or len(code) not in (8, 12, 13):
        return "code128"
    if code[-1] != check_digit(code[:-1]):
        return "code128"
    if len(code) == 13 and code.startswith("0"):
        return "upca"           # stored in its EAN-13 form; printed as the UPC-A it is
    return {13: "ean13", 12: "upca", 8: "ean8"}[len(code)]


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float
    anchor: str


@dataclass(frozen=True)
class Symbol:
    bars: tuple[tuple[float, float, float, float], ...]     # x, y, width, height
    texts: tuple[Text, ...]
    width: float                # points, quiet zones included
    height: float
    font: str

    def draw(self, canvas: Canvas, x: float, y: float) -> None:
        """Left edge at `x` (moved onto the dot grid), bottom at `y`."""
        x = round(x / DOT) * DOT
        path = canvas.beginPath()
        for bx, by, bw, bh in self.bars:
            path.rect(x + bx, y + by, bw, bh)
        canvas.drawPath(path, stroke=0, fill=1)
        for t in self.texts:
            canvas.setFont(self.font, t.size)
            draw = canvas.drawCentredString if t.anchor == "middle" else canvas.drawString
            draw(x + t.x, y + t.y, t.text)


@contextmanager
def _unchecked():
    """reportlab checks every attribute of every bar it builds, a debugging aid its
    settings say to switch off in production; it is most of the cost of a barcode."""
    saved = rl_config.shapeChecking
    rl_config.shapeChecking = 0
    try:
        yield
    finally:
        rl_config.shapeChecking = saved


def _flatten(group: Group, lift: float = 0.0):
    bars, texts = [], []
    for node in group.contents:
        if isinstance(node, Rect) and node.fillColor is not None:
            bars.append((node.x, node.y + lift, node.width, node.height))
        elif isinstance(node, String):
            texts.append(Text(node.x, node.y + lift, node.text, node.fontSize, node.textAnchor))
    return tuple(bars), tuple(texts)


def _retail(code: str, kind: str, dots: int, height: float) -> tuple[tuple, tuple, float]:
    digits = code[1:] if kind == "upca" and len(code) == 13 else code
    widget_class, body = _KINDS[len(digits)]
    with _unchecked():
        widget = widget_class(digits[:body], barWidth=dots * DOT, barHeight=height,
                              fontSize=DIGITS_PT_PER_DOT * dots, humanReadable=1, quiet=1)
        return (*_flatten(widget.draw()), widget.width)


def _code128(code: str, dots: int, height: float) -> tuple[tuple, tuple, float]:
    module, text_pt = dots * DOT, DIGITS_PT_PER_DOT * dots
    with _unchecked():
        widget = BarcodeCode128(value=code, barWidth=module, barHeight=height - 1.2 * text_pt,
                                quiet=1, lquiet=10 * module, rquiet=10 * module, humanReadable=0)
        bars, _ = _flatten(widget.draw(), lift=1.2 * text_pt)
        width = widget.width
    return bars, (Text(width / 2, 0.2 * text_pt, code, text_pt, "middle"),), width


def room_for(code: str, dots: int) -> float:
    """How wide a space the symbol needs at `dots` per module, spare quiet zone included."""
    module = dots * DOT
    if kind_of(code) == "code128":
        return BarcodeCode128(value=code, barWidth=module, quiet=1, lquiet=10 * module,
                              rquiet=10 * module).width
    digits = 12 if kind_of(code) == "upca" else len(code)
    return _KINDS[digits][0]("0", barWidth=module).width + SPARE_MODULES * module


def symbol(code: str, dots: int, height: float, font: str) -> Symbol:
    kind = kind_of(code)
    bars, texts, width = _code128(code, dots, height) if kind == "code128" \
        else _retail(code, kind, dots, height)
    return Symbol(bars, texts, width, height, font)


def fitting(code: str, preferred_dots: int, room: float, height: float, font: str) -> Symbol | None:
    """The symbol at the widest module (down to 2 dots) that fits `room`; None if none does."""
    for dots in range(preferred_dots, MIN_DOTS - 1, -1):
        if room_for(code, dots) <= room:
            return symbol(code, dots, height, font)
    return None
