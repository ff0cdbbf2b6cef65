"""A report as an A4 PDF: title, headline figures, charts, then its tables.

The CJK font is embedded (subset), so the file prints the same anywhere. The
notice-board ranking uses large type, to be read from a step away.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from kiosk.i18n import _
from kiosk.printing.charts import drawing_for
from kiosk.printing.fonts import reportlab_font
from kiosk.printing.glyph_runs import markup
from kiosk.printing.pdf_text import draw as draw_line
from kiosk.printing.report_pdf_tables import Look, table_flowable

if TYPE_CHECKING:
    from kiosk.documents.report import Report

MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN
SHORT_TABLE = 20          # rows: a table this short stays on one page


def _styles(font: str, large: bool) -> dict[str, ParagraphStyle]:
    k = 1.6 if large else 1.0
    def style(name, size, **extra):
        return ParagraphStyle(name, fontName=font, fontSize=size * k, leading=size * k * 1.3, **extra)
    return {"title": style("title", 20, spaceAfter=4), "subtitle": style("subtitle", 10.5, textColor=colors.HexColor("#444444")),
            "heading": style("heading", 13, spaceBefore=10, spaceAfter=4),
            "note": style("note", 12, textColor=colors.HexColor("#1f4e9c"), spaceBefore=6, spaceAfter=6),
            "label": style("label", 9), "value": style("value", 16)}


def _facts(report: Report, styles) -> PdfTable | None:
    """The headline figures, three to a row: a small label over a large number."""
    if not report.facts:
        return None
    cells = [[Paragraph(markup(f.label), styles["label"]),
              Paragraph(markup("" if f.value is None else str(f.value)), styles["value"])]
             for f in report.facts]
    per_row = 3
    grid = [cells[i:i + per_row] + [""] * (per_row - len(cells[i:i + per_row]))
            for i in range(0, len(cells), per_row)]
    table = PdfTable(grid, colWidths=[WIDTH / per_row] * per_row)
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#b9b2a3")),
                               ("INNERGRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#d6cfbf")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#faf8f3"))]))
    return table


def _story(report: Report, font: str) -> list:
    styles = _styles(font, report.large)
    made = _("制表时间：{made_at}").format(made_at=report.made_at) if report.made_at else ""
    story = [Paragraph(markup(report.title), styles["title"]),
             Paragraph(markup(" · ".join(p for p in (report.subtitle, made) if p)), styles["subtitle"]),
             Spacer(1, 4 * mm)]
    story += [Paragraph(markup(note), styles["note"]) for note in report.notes]
    facts = _facts(report, styles)
    if facts is not None and not report.large:
        story += [facts, Spacer(1, 3 * mm)]
    for chart in report.charts:
        if not chart.empty:
            story += [Spacer(1, 3 * mm), drawing_for(chart, WIDTH)]
    look = Look(font, 20 if report.large else 9.5, 7 if report.large else 2.5)
    for table in report.tables:
        if table.rows or not report.empty:
            story += _table_story(table, styles, look)
    return story


def _table_story(table, styles, look: Look) -> list:
    """A table under its heading. A heading never ends a page (it moves on with room for
    a few rows), and a short table is never cut in two."""
    heading = [CondPageBreak(styles["heading"].leading + 4 * look.size * 2.2),
               Paragraph(markup(table.title), styles["heading"])]
    if not table.rows:
        return [*heading, Paragraph(markup(table.empty_words or "—"), styles["note"])]
    flowable = table_flowable(table, look, WIDTH)
    return [KeepTogether([*heading, flowable])] if len(table.rows) <= SHORT_TABLE else [*heading, flowable]


def _footer(report: Report, font: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        draw_line(canvas, MARGIN, 8 * mm, f"{report.subtitle.split(' · ')[0]} · {report.title}", 8)
        canvas.drawRightString(A4[0] - MARGIN, 8 * mm, _("第 {page} 页").format(page=doc.page))
        canvas.restoreState()
    return draw


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4 portrait)."""
    font = reportlab_font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, title=report.title,
                            author=report.subtitle.split(" · ")[0], invariant=1)
    footer = _footer(report, font)
    doc.build(_story(report, font), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
