"""积分证明 (A4): a household's grade, scores, points by category and holds, with a QR code of the
township's signed statement (segno, drawn as vector squares so it stays sharp on any printer)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import segno
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from kiosk.i18n import _
from kiosk.printing.atomic import write_atomic
from kiosk.printing.glyph_runs import markup
from kiosk.printing.stock_pdf import WIDTH, _facts, _grid, _render, _signatures, _styles

if TYPE_CHECKING:
    from kiosk.documents.certificate import Certificate

QR_SIZE = 62 * mm


def qr_drawing(text: str, size: float = QR_SIZE) -> Drawing:
    """The QR code of `text` with its quiet zone, `size` points square."""
    code = segno.make(text, error="m", micro=False)
    matrix = [list(row) for row in code.matrix]
    modules = len(matrix) + 8                                 # four modules of quiet zone each side
    cell = size / modules
    drawing = Drawing(size, size)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                drawing.add(Rect((x + 4) * cell, size - (y + 5) * cell, cell, cell,
                                 fillColor=colors.black, strokeColor=None, strokeWidth=0))
    return drawing


def _category_table(cert: Certificate, styles) -> Table | Paragraph:
    if not cert.by_category:
        return Paragraph(_("{year}年还没有得分记录。").format(year=cert.year), styles["body"])
    rows = [[_("积分类别"), _("{year}年获得").format(year=cert.year)]]
    rows += [[Paragraph(markup(name or _("其他")), styles["body"]), points] for name, points in cert.by_category]
    table = _grid(rows, [WIDTH * 0.6, WIDTH * 0.4])
    table.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    return table


def _holds(cert: Certificate) -> str:
    if not cert.holds:
        return _("无冻结。")
    return "；".join(_("{since}起冻结（当时余额 {balance}），乡镇核查中").format(since=since, balance=balance)
                    for since, balance in cert.holds) + "。"


def _check_block(cert: Certificate, styles) -> Table:
    words = [Paragraph(_("核验方法"), styles["body"]), Spacer(0, 2 * mm),
             Paragraph(_("用手机扫右边的二维码，或在乡镇服务器的“核验积分证明”页面（/verify）粘贴下面这段文字，"
                         "即可查看这份证明是不是乡镇签发的、数字是否仍然有效。"), styles["small"]),
             Spacer(0, 2 * mm), Paragraph(cert.signed, styles["tiny"])]
    return Table([[words, qr_drawing(cert.qr_text)]], colWidths=[WIDTH - QR_SIZE - 4 * mm, QR_SIZE + 4 * mm],
                 style=[("VALIGN", (0, 0), (-1, -1), "TOP")])


def render(cert: Certificate) -> bytes:
    s = _styles()
    s["tiny"] = s["small"].clone("tiny", fontSize=6, leading=7.5)
    title = _("{village}积分证明").format(village=cert.village)
    facts = _facts([(_("门牌号"), markup(cert.house_no)), (_("户主"), markup(cert.head)),
                    (_("信用等次"), markup(cert.grade or "—")), (_("积分名称"), markup(cert.currency)),
                    (_("{year}年积分").format(year=cert.year), cert.this_year),
                    (_("{year}年积分").format(year=cert.year - 1), cert.last_year),
                    (_("当前余额"), cert.balance), (_("冻结情况"), _holds(cert))], s)
    when = _("{age}。数据由乡镇签发，有效期至 {until}。").format(
        age=cert.age_words(), until=cert.valid_until.strftime("%Y-%m-%d"))
    story = [Paragraph(markup(title), s["title"]), Spacer(0, 6 * mm), facts, Spacer(0, 4 * mm),
             Paragraph(f"<b>{markup(when)}</b>", s["body"]), Spacer(0, 5 * mm),
             _category_table(cert, s), Spacer(0, 8 * mm), _check_block(cert, s), Spacer(0, 12 * mm),
             _signatures([_("经办人"), _("村委会（盖章）")], s)]
    footer = _("打印：{who} {at}").format(who=cert.printed_by, at=cert.printed_at.strftime("%Y-%m-%d %H:%M"))
    return _render(title, story, footer)


def save(path: Path, data: bytes) -> Path:
    return write_atomic(path, data)
