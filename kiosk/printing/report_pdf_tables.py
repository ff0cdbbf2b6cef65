"""A report's tables as reportlab flowables: columns sized to their text, headers repeated.

Numbers are right-aligned; a text column too wide for the page wraps inside its
cell. Sizes come from a `Look`: ordinary reports, or the notice board's large type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, TableStyle
from reportlab.platypus import Table as PdfTable

from kiosk.printing.glyph_runs import markup, needs_fallback

if TYPE_CHECKING:
    from kiosk.services.reports.figures import Table

HEADER_BG, TOTAL_BG, STRIPE = colors.HexColor("#ebe5d8"), colors.HexColor("#f4f1ea"), colors.HexColor("#faf8f3")
WIDEST_SHARE = 0.45        # no column takes more than this share of the page before wrapping


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


def _widths(table: Table, rows: list[list[str]], look: Look, available: float) -> list[float]:
    natural = [max(stringWidth(row[i], look.font, look.size) for row in rows) + 2 * look.size * 0.6
               for i in range(len(table.columns))]
    if sum(natural) <= available:
        spare = (available - sum(natural)) / len(natural)
        return [w + spare for w in natural]
    fixed = [min(w, available * WIDEST_SHARE) for w in natural]
    scale = available / sum(fixed)
    return [w * scale for w in fixed]


def _wrapped(rows: list[list[str]], widths: list[float], look: Look, table: Table) -> list[list]:
    """Text cells wider than their column become paragraphs, which wrap."""
    style = look.cell
    out = []
    for row in rows:
        cells = []
        for i, text in enumerate(row):
            fits = stringWidth(text, look.font, look.size) <= widths[i] - look.size
            plain = (fits or table.columns[i].kind != "text") and not needs_fallback(text)
            cells.append(text if plain else Paragraph(markup(text), style))
        out.append(cells)
    return out


def _style(table: Table, body_rows: int, look: Look) -> TableStyle:
    last = body_rows  # row index of the total (header is row 0)
    commands = [
        ("FONT", (0, 0), (-1, -1), look.font, look.size),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#8a8272")),
        ("TOPPADDING", (0, 0), (-1, -1), look.pad), ("BOTTOMPADDING", (0, 0), (-1, -1), look.pad),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for i, column in enumerate(table.columns):
        if column.kind != "text":
            commands.append(("ALIGN", (i, 0), (i, -1), "RIGHT"))
    commands += [("BACKGROUND", (0, r), (-1, r), STRIPE) for r in range(2, body_rows + 1, 2)]
    if table.total is not None:
        commands += [("BACKGROUND", (0, last + 1), (-1, last + 1), TOTAL_BG),
                     ("LINEABOVE", (0, last + 1), (-1, last + 1), 0.8, colors.HexColor("#8a8272"))]
    return TableStyle(commands)


def table_flowable(table: Table, look: Look, available: float) -> PdfTable:
    rows = [[c.title for c in table.columns]] + [[_text(v) for v in row] for row in table.rows]
    if table.total is not None:
        rows.append([_text(v) for v in table.total])
    widths = _widths(table, rows, look, available)
    flowable = PdfTable(_wrapped(rows, widths, look, table), colWidths=widths, repeatRows=1)
    flowable.setStyle(_style(table, len(table.rows), look))
    return flowable
