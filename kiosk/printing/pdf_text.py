"""Drawing one line of text on a reportlab canvas with the fallback fonts.

Every canvas in the printing package draws names through these, so a character the
main font lacks (𠮷, 䶮) is drawn, and embedded, from a font that has it.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from kiosk.printing.glyph_runs import runs


def text_width(text: str, size: float) -> float:
    """Width in points at this size, each run measured in its own font."""
    return sum(stringWidth(part, name, size) for name, part in runs(text))


def draw(canvas, x: float, y: float, text: str, size: float, anchor: str = "start") -> None:
    """Draw from x (start), ending at x (end) or centred on x (middle), baseline y."""
    if anchor == "end":
        x -= text_width(text, size)
    elif anchor == "middle":
        x -= text_width(text, size) / 2
    line = canvas.beginText(x, y)       # one text object: readers copy it as one line
    for name, part in runs(text):     # reportlab names the font (Tf) in every TrueType run
        line.setFont(name, size)
        line.textOut(part)
    canvas.drawText(line)


def shapes(x: float, y: float, text: str, size: float, anchor: str = "start", **style) -> Group:
    """The same line for a reportlab Drawing (charts): one String per run."""
    if anchor == "end":
        x -= text_width(text, size)
    elif anchor == "middle":
        x -= text_width(text, size) / 2
    group = Group()
    for name, part in runs(text):
        group.add(String(x, y, part, fontName=name, fontSize=size, **style))
        x += stringWidth(part, name, size)
    return group
