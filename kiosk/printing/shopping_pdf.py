"""采购单 (A4): the goods running low, one table per supplier, with how many to get."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, TableStyle

from kiosk.core.money import yuan_text
from kiosk.i18n import _
from kiosk.printing.glyph_runs import markup
from kiosk.printing.stock_pdf import WIDTH, _grid, _render, _styles

if TYPE_CHECKING:
    from kiosk.documents.shopping_list import ShoppingGroup


def _table(group: ShoppingGroup, s):
    head = [_("序号"), _("商品"), _("现有"), _("近三月兑换"), _("建议采购"), _("上次单价"), _("实购")]
    rows = [head] + [[str(n), Paragraph(markup(ln.name), s["body"]), f"{ln.stock}{ln.unit}", f"{ln.sold}{ln.unit}",
                      f"{ln.suggested}{ln.unit}", yuan_text(ln.last_cost) or "—", ""]
                     for n, ln in enumerate(group.lines, start=1)]
    table = _grid(rows, [12 * mm, WIDTH - 132 * mm, 20 * mm, 24 * mm, 24 * mm, 22 * mm, 30 * mm])
    table.setStyle(TableStyle([("ALIGN", (2, 0), (5, -1), "RIGHT")]))
    return table


def shopping_list(groups: list[ShoppingGroup], shop: str, day: str) -> bytes:
    s = _styles()
    story = [Paragraph(f"{shop}\u3000{_('采购单')}", s["title"]), Spacer(0, 3 * mm),
             Paragraph(_("{day} 打印。建议采购数 = 近三个月平均每月兑换数 + 预警数量 + 1 − 现有库存。").format(day=day),
                       s["small"]), Spacer(0, 4 * mm)]
    if not groups:
        story.append(Paragraph(_("没有缺货的商品。"), s["body"]))
    for group in groups:
        who = _("{name}（{kind}）{contact}").format(name=group.supplier, kind=_(group.kind),
                                                 contact=group.contact) if group.supplier \
            else _("未记录供货方")
        story += [Paragraph(markup(who), s["body"]), Spacer(0, 2 * mm), _table(group, s),
                  Spacer(0, 6 * mm)]
    return _render(_("采购单"), story, f"{shop} · {_('采购单')} {day}")
