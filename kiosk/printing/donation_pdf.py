"""爱心捐赠公示 (A4, for the notice board) and the thank-you slip (receipt printer).

A donation is a delivery whose supplier is a donor (爱心捐赠 / 企业捐赠). The notice
lists what was given and its declared value; the slip goes to the donor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, TableStyle

from kiosk.core.money import yuan_text
from kiosk.i18n import _
from kiosk.printing.escpos_out import rows_bytes
from kiosk.printing.glyph_runs import markup
from kiosk.printing.receipt_layout import Row
from kiosk.printing.stock_pdf import WIDTH, _grid, _render, _styles

if TYPE_CHECKING:
    from kiosk.documents.delivery_note import Delivery


def _value(delivery: Delivery) -> str:
    return yuan_text(delivery.value) if delivery.value is not None else _("未申报")


def notice(delivery: Delivery, shop: str, days: int = 7) -> bytes:
    """爱心捐赠公示: who gave what on which day, its value, and the village's thanks."""
    s = _styles()
    head = [_("序号"), _("物品"), _("数量"), _("价值（元）")]
    rows = [head] + [[str(n), Paragraph(markup(line.name), s["body"]), f"{line.shown}{line.unit}",
                      yuan_text(line.cost) or "—"] for n, line in enumerate(delivery.lines, start=1)]
    rows.append(["", _("合计"), str(delivery.total), _value(delivery)])
    table = _grid(rows, [14 * mm, WIDTH - 84 * mm, 34 * mm, 36 * mm], total_row=True)
    table.setStyle(TableStyle([("ALIGN", (2, 0), (3, -1), "RIGHT")]))
    words = _("{day}，{donor}向{shop}捐赠以下物品，申报价值合计 {value} 元，已全部入库（入库单 {number}），"
              "将按积分兑换给村民。特此公示，衷心感谢！").format(
        day=delivery.day, donor=delivery.supplier, shop=shop, value=_value(delivery),
        number=delivery.number)
    story = [Paragraph(f"{shop}\u3000{_('爱心捐赠公示')}", s["title"]), Spacer(0, 6 * mm),
             Paragraph(markup(words), s["body"]), Spacer(0, 5 * mm), table, Spacer(0, 8 * mm),
             Paragraph(_("公示期 {days} 天。如有疑问，请向村委会反映。").format(days=days), s["body"]),
             Spacer(0, 10 * mm), Paragraph(f"{shop}\u3000{delivery.at[:10]}", s["body"])]
    return _render(_("爱心捐赠公示"), story, f"{shop} · {delivery.number}")


def thanks_rows(delivery: Delivery, shop: str) -> list[Row]:
    """The slip's lines: a title, the donor, what was given, the value, the thanks."""
    rows = [Row("title", _("感谢信")), Row("center", shop), Row("rule"),
            Row("text", _("{donor}：").format(donor=delivery.supplier)),
            Row("text", _("感谢您向本村积分超市捐赠：")), ]
    rows += [Row("text", line.name, f"{line.shown}{line.unit}") for line in delivery.lines]
    rows += [Row("rule"), Row("text", _("申报价值"), _("{value} 元").format(value=_value(delivery))),
             Row("text", _("入库单"), delivery.number), Row("text", _("日期"), delivery.day),
             Row("rule"), Row("center", _("您的爱心将换成村民的美德积分奖励。")),
             Row("center", _("谢谢！"))]
    return rows


def thanks_escpos(delivery: Delivery, shop: str, width_mm: int = 58) -> bytes:
    return rows_bytes(thanks_rows(delivery, shop), width_mm)
