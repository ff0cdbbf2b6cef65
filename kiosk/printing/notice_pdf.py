"""The A4 public notice (积分公示) for the village board, in large type.

Read from a step away: a 30 pt title, 13 pt rows, names and acts wrapping
Chinese-style in their cells; the table header repeats on every page; the
village committee signs and stamps at the foot.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.i18n import _, _p
from kiosk.messages.points import NOTICE_SHEET_NOTES as STATE_NOTES
from kiosk.printing.fonts import reportlab_font
from kiosk.printing.glyph_runs import markup
from kiosk.printing.pdf_text import draw

MARGIN = 14 * mm
WIDTH = A4[0] - 2 * MARGIN
HEAD_GREY = colors.HexColor("#e8e4da")


@dataclass(frozen=True)
class NoticeSheet:
    village: str
    currency: str
    today: str                 # the day the notice is printed
    days: int                  # how long each item stays on notice
    items: tuple               # kiosk.services.points.notice.NoticeItem, newest first


def _styles() -> dict[str, ParagraphStyle]:
    font = reportlab_font()
    body = ParagraphStyle("body", fontName=font, fontSize=13, leading=17, wordWrap="CJK")
    return {"body": body,
            "title": ParagraphStyle("title", body, fontSize=30, leading=38, alignment=TA_CENTER),
            "lead": ParagraphStyle("lead", body, fontSize=15, leading=22),
            "small": ParagraphStyle("small", body, fontSize=10, leading=13),
            "sign": ParagraphStyle("sign", body, fontSize=15, leading=24, alignment=TA_RIGHT)}


def _row(n: int, item, s) -> list:
    note = _(STATE_NOTES.get(item.state, ""))
    who = getattr(item, "who", "")      # who recorded it and who approved it, said truthfully
    return [str(n), Paragraph(markup(item.house_no), s["body"]), Paragraph(markup(item.resident), s["body"]),
            Paragraph(markup(item.what or "—"), s["body"]), item.points.signed(), item.ends[5:10],
            Paragraph("<br/>".join(markup(w) for w in (note, who) if w), s["small"])]


def _table(sheet: NoticeSheet, s) -> Table:
    head = [_("序号"), _p("notice_pdf", "门牌号"), _p("notice_pdf", "姓名"), _("事项"),
            _("分值"), _("截止"), _p("notice_pdf", "备注")]      # no record ids: 序号 is what people cite
    rows = [head] + [_row(n, item, s) for n, item in enumerate(sheet.items, start=1)]
    widths = [11 * mm, 24 * mm, 20 * mm, WIDTH - 132 * mm, 18 * mm, 17 * mm, 42 * mm]   # 备注: 张晓燕记，刘建军审核 on one line
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), reportlab_font(), 13),
        ("FONT", (0, 0), (-1, 0), reportlab_font(), 13),
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (4, 0), (5, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _lead(sheet: NoticeSheet) -> str:
    return _("以下{currency}现予公示，每条公示 {days} 天；“备注”写明每条是谁记的、谁审核的（没有审核的写“未经审核”）。对哪一条有意见，请在“截止”那天以前向村委会反映（找管理员或志愿者登记），村委会核实后答复。").format(currency=sheet.currency, days=sheet.days)


def render(sheet: NoticeSheet) -> bytes:
    s = _styles()
    title = _("{village}{currency}公示").format(village=sheet.village, currency=sheet.currency)
    story = [Paragraph(title, s["title"]), Spacer(0, 5 * mm), Paragraph(_lead(sheet), s["lead"]),
             Spacer(0, 5 * mm)]
    if sheet.items:
        story.append(_table(sheet, s))
    else:
        story.append(Paragraph(_("这一期没有需要公示的积分。"), s["lead"]))
    story.append(KeepTogether([
        Spacer(0, 10 * mm),
        Paragraph(_("{village}村民委员会（盖章）").format(village=sheet.village), s["sign"]),
        Paragraph(_("{year} 年 {month} 月 {day} 日").format(
            year=sheet.today[:4], month=int(sheet.today[5:7]), day=int(sheet.today[8:10]), date=sheet.today),
            s["sign"])]))
    return _build(title, story, f"{title} · {sheet.today}")


def _build(title: str, story: list, footer: str) -> bytes:
    buffer = io.BytesIO()
    font = reportlab_font()

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 10)
        draw(canvas, MARGIN, 9 * mm, footer, 10)
        canvas.drawRightString(A4[0] - MARGIN, 9 * mm, _("第 {page} 页").format(page=doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=16 * mm, title=title, invariant=1,
                            initialFontName=font)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
