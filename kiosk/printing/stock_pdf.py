"""A4 stock papers: the receiving note (入库单) and the count sheet (盘点表).

reportlab platypus tables with the embedded CJK font (WenQuanYi); names wrap
Chinese-style inside their column; table headers repeat on every page.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.i18n import _, _p
from kiosk.printing.atomic import write_atomic
from kiosk.printing.fonts import reportlab_font
from kiosk.printing.glyph_runs import markup
from kiosk.printing.pdf_text import draw

if TYPE_CHECKING:
    from kiosk.documents.count_sheet import StockCount
    from kiosk.documents.delivery_note import Delivery

MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN
HEAD_GREY = colors.HexColor("#e8e4da")


def _styles() -> dict[str, ParagraphStyle]:
    font = reportlab_font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=15, wordWrap="CJK")
    return {"body": body,
            "title": ParagraphStyle("title", body, fontSize=20, leading=26, alignment=TA_CENTER),
            "small": ParagraphStyle("small", body, fontSize=9, leading=12)}


def _grid(rows: list[list], widths: list[float], padding: float = 3,
          total_row: bool = False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [("TOPPADDING", (0, 1), (-1, -1), padding), ("BOTTOMPADDING", (0, 1), (-1, -1), padding),
             ("FONT", (0, 0), (-1, -1), reportlab_font(), 11),
             ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD_GREY),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("ALIGN", (0, 0), (0, -1), "CENTER")]
    if total_row:
        style.append(("FONT", (0, -1), (-1, -1), reportlab_font(), 12))
    table.setStyle(TableStyle(style))
    return table


def _facts(pairs: list[tuple[str, str]], styles) -> Table:
    """Two label/value pairs per row, no lines: the head of the paper."""
    cells = [Paragraph(f"{label}：{value}", styles["body"]) for label, value in pairs]
    rows = [cells[i:i + 2] + [""] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    return Table(rows, colWidths=[WIDTH / 2] * 2, style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                         ("FONT", (0, 0), (-1, -1), reportlab_font())])


def _signatures(labels: list[str], styles) -> Table:
    cells = [Paragraph(f"{label}：________________", styles["body"]) for label in labels]
    return Table([cells], colWidths=[WIDTH / len(cells)] * len(cells),
                 style=[("FONT", (0, 0), (-1, -1), reportlab_font())])


def _render(title: str, story: list, footer: str) -> bytes:
    buffer = io.BytesIO()
    font = reportlab_font()

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        draw(canvas, MARGIN, 10 * mm, footer, 9)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm,
                               _("第 {page} 页").format(page=doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=18 * mm, title=title, invariant=1,
                            initialFontName=font)  # no unembedded Helvetica in the file
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def receiving_note(delivery: Delivery, shop: str) -> bytes:
    """入库单: who delivered what, when; signed by the deliverer and the receiver."""
    s = _styles()
    head = [_("序号"), _p("stock_pdf#2", "商品"), _p("stock_pdf#2", "编号"), _p("stock_pdf", "单位"),
            _("数量")]
    rows = [head] + [[str(n), Paragraph(markup(line.name), s["body"]), line.code, line.unit, str(line.shown)]
                     for n, line in enumerate(delivery.lines, start=1)]
    rows.append(["", _("合计 {count} 项").format(count=len(delivery.lines)), "", "",
                 str(delivery.total)])
    table = _grid(rows, [14 * mm, WIDTH - 92 * mm, 36 * mm, 18 * mm, 24 * mm], total_row=True)
    table.setStyle(TableStyle([("ALIGN", (4, 0), (4, -1), "RIGHT")]))
    facts = _facts([(_("入库单号"), delivery.number),
                    (_p("stock_pdf", "来源"), delivery.source),
                    (_p("stock_pdf", "送货单号"), delivery.note_no or "—"),
                    (_("送货日期"), delivery.day),
                    (_("入库时间"), delivery.at[:16]),
                    (_("经手人"), delivery.operator)], s)
    story = [Paragraph(f"{shop}\u3000{_p('stock_pdf', '入库单')}", s["title"]), Spacer(0, 4 * mm),
             facts, Spacer(0, 4 * mm), table, Spacer(0, 14 * mm),
             _signatures([_("送货人"), _("验收人"),
                          _("保管人")], s)]
    return _render(delivery.number, story, f"{shop} · {delivery.number}")


def count_sheet(count: StockCount, shop: str) -> bytes:
    """盘点表: every product with a blank box to write the counted quantity in."""
    s = _styles()
    head = [_("序号"), _p("stock_pdf#2", "商品"), _p("stock_pdf#2", "编号"), _p("stock_pdf", "单位"),
            _("实盘数量"), _p("stock_pdf", "备注")]
    rows = [head] + [[str(n), Paragraph(markup(line.name), s["body"]), line.code, line.unit, "", ""]
                     for n, line in enumerate(count.lines, start=1)]
    table = _grid(rows, [14 * mm, WIDTH - 120 * mm, 34 * mm, 14 * mm, 34 * mm, 24 * mm],
                  padding=7)  # room to write a number by hand
    facts = _facts([(_("开始时间"), count.started_at[:16]),
                    (_("开始人"), count.started_by),
                    (_("商品种数"), str(len(count.lines))),
                    (_("盘点日期"), "")], s)
    hint = Paragraph(_("按货架清点，把实际数量写在“实盘数量”一栏；没有的写 0。"),
                     s["small"])
    story = [Paragraph(f"{shop}\u3000{_('盘点表')}", s["title"]), Spacer(0, 4 * mm),
             facts, hint, Spacer(0, 3 * mm), table, Spacer(0, 14 * mm),
             _signatures([_("盘点人"), _("复核人")], s)]
    return _render(_("盘点表"), story, f"{shop} · {_('盘点表')} {count.started_at[:10]}")


def save(path: Path, data: bytes) -> Path:
    """Write the PDF safely: temp file, fsync, rename."""
    return write_atomic(Path(path), data)
