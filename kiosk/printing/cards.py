"""Resident cards (村民卡) on A4: ten ID-1 cards (85.6 × 54 mm) a page, two across, five down.

Each card carries the village, the resident's name and house number, the card code
as text, as a vector Code128 on whole 203-dpi dots, and as a QR code (for phones and
2D scanners). Cut lines are drawn light grey around every card.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kiosk.printing.fonts import reportlab_font
from kiosk.printing.paper import DPI, PT_PER_MM
from kiosk.printing.pdf_text import draw

CARD_W, CARD_H = 85.6 * PT_PER_MM, 54.0 * PT_PER_MM
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
DOT = 72 / DPI
MODULE = 2 * DOT                 # 0.25 mm bars: two printer dots each
BAR_HEIGHT = 11 * PT_PER_MM
QR_SIZE = 19 * PT_PER_MM
PAD = 4 * PT_PER_MM
RED = (0.78, 0.06, 0.18)


@dataclass(frozen=True)
class CardFace:
    village: str
    title: str          # e.g. 美德积分卡
    name: str
    house_no: str
    code: str


def _origin(slot: int) -> tuple[float, float]:
    """Bottom-left corner of a slot, the sheet centred on the page."""
    page_w, page_h = A4
    left = (page_w - COLUMNS * CARD_W) / 2
    top = page_h - (page_h - ROWS * CARD_H) / 2
    column, row = slot % COLUMNS, slot // COLUMNS
    return left + column * CARD_W, top - (row + 1) * CARD_H


def _cut_lines(c: Canvas, x: float, y: float) -> None:
    c.setStrokeColorRGB(0.75, 0.75, 0.75)
    c.setLineWidth(0.3)
    c.roundRect(x, y, CARD_W, CARD_H, 3 * PT_PER_MM)


def _header(c: Canvas, face: CardFace, x: float, y: float) -> None:
    band = 10 * PT_PER_MM
    c.setFillColorRGB(*RED)
    c.rect(x + 1, y + CARD_H - band - 1, CARD_W - 2, band, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    draw(c, x + PAD, y + CARD_H - band + 2.6 * PT_PER_MM, f"{face.village} · {face.title}", 12)


def _who(c: Canvas, face: CardFace, x: float, y: float) -> None:
    c.setFillColorRGB(0, 0, 0)
    size = 20 if len(face.name) <= 5 else 15
    draw(c, x + PAD, y + CARD_H - 20 * PT_PER_MM, face.name, size)
    draw(c, x + PAD, y + CARD_H - 26 * PT_PER_MM, f"户号 {face.house_no}", 10)
    draw(c, x + PAD, y + CARD_H - 31 * PT_PER_MM, f"卡号 {face.code}", 10)


def _codes(c: Canvas, face: CardFace, x: float, y: float) -> None:
    bars = Code128(face.code, barWidth=MODULE, barHeight=BAR_HEIGHT, humanReadable=0,
                   lquiet=10 * MODULE, rquiet=10 * MODULE)
    left = round((x + PAD - 10 * MODULE) / DOT) * DOT           # bars on the printer's dot grid
    bars.drawOn(c, left, y + 3 * PT_PER_MM)
    qr = QrCodeWidget(face.code, barLevel="M")
    x0, y0, x1, y1 = qr.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(qr)
    renderPDF.draw(drawing, c, x + CARD_W - QR_SIZE - 2 * PT_PER_MM, y + 2.5 * PT_PER_MM)


def render_cards(faces: list[CardFace], skip: int = 0) -> bytes:
    """The card sheet as PDF bytes; `skip` leaves the first slots of a used sheet empty."""
    reportlab_font()      # registered before the first draw
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1)
    c.setTitle("村民积分卡")
    for n, face in enumerate(faces, start=skip):
        if n and n % PER_PAGE == 0:
            c.showPage()
        x, y = _origin(n % PER_PAGE)
        _cut_lines(c, x, y)
        _header(c, face, x, y)
        _who(c, face, x, y)
        _codes(c, face, x, y)
    c.save()
    return out.getvalue()
