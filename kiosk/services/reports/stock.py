"""Stock on hand (库存) at the end of a period: each product's count and its worth in points."""

from __future__ import annotations

from kiosk.core.points import Points
from kiosk.core.weighed import amount, quantity
from kiosk.i18n import _, _p
from kiosk.services.context import Context
from kiosk.services.reports.common import catalogue, subtitle
from kiosk.services.reports.figures import COUNT, POINTS, Column, Fact, Report, Table
from kiosk.services.reports.period import ReportPeriod
from kiosk.store import reports as store


def build(ctx: Context, period: ReportPeriod, **_unused) -> Report:
    on_hand = store.stock_before(ctx.db, period.bounds[1])
    products = catalogue(ctx)
    rows, low = [], 0
    for pid, p in products.items():
        qty = on_hand.get(pid, 0)
        if not p.active and qty == 0:
            continue                      # a retired product with nothing left is history
        short = p.active and qty <= p.reorder_level * p.scale
        low += short
        rows.append((p.code, p.name, p.category, p.unit, p.price, quantity(qty, p.scale), amount(p.price, qty, p.scale),
                     _("需补货") if short else ""))
    columns = (Column(_p("stock#2", "编号")), Column(_p("stock#2", "商品")), Column(_("类别")),
               Column(_p("stock", "单位")), Column(_("单价"), POINTS),
               Column(_p("stock", "库存"), COUNT), Column(_("折合积分"), POINTS),
               Column(_("提醒")))
    pieces, worth = sum(r[5] for r in rows), Points(sum(r[6].hundredths for r in rows))
    empty = not any(r[5] for r in rows)
    nothing = _("{label}结束时店里没有任何库存。").format(label=period.label)
    return Report(
        "stock", _("库存（截至 {label} 结束）").format(label=period.label),
        period, subtitle(ctx, period),
        facts=(Fact(_("商品种数"), len(rows)), Fact(_("库存件数"), pieces),
               Fact(_p("stock", "折合积分"), worth), Fact(_p("stock", "需补货"), low)),
        tables=(Table("stock", _("各商品库存"), columns, tuple(rows),
                      (_("合计"), None, None, None, None, pieces, worth, None), nothing),),
        notes=(nothing,) if empty else (), empty=empty)
