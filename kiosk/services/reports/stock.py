"""Stock on hand (库存) at the end of a period: each product's count and its worth in points."""

from __future__ import annotations

from kiosk.core.points import Points
from kiosk.i18n import tr
from kiosk.services.context import Context
from kiosk.services.reports.common import catalogue, subtitle
from kiosk.services.reports.figures import COUNT, POINTS, Column, Fact, Report, Table
from kiosk.services.reports.period import ReportPeriod
from kiosk.store import reports as store


def build(ctx: Context, period: ReportPeriod, **_) -> Report:
    on_hand = store.stock_before(ctx.db, period.bounds[1])
    products = catalogue(ctx)
    rows, low = [], 0
    for pid, p in products.items():
        qty = on_hand.get(pid, 0)
        if not p.active and qty == 0:
            continue                      # a retired product with nothing left is history
        short = p.active and qty <= p.reorder_level
        low += short
        rows.append((p.code, p.name, p.category, p.unit, p.price, qty, p.price * qty,
                     tr("需补货", "reorder") if short else ""))
    columns = (Column(tr("编号", "Code")), Column(tr("商品", "Goods")), Column(tr("类别", "Category")),
               Column(tr("单位", "Unit")), Column(tr("单价", "Price"), POINTS),
               Column(tr("库存", "On hand"), COUNT), Column(tr("折合积分", "Worth"), POINTS),
               Column(tr("提醒", "Note")))
    pieces, worth = sum(r[5] for r in rows), Points(sum(r[6].hundredths for r in rows))
    empty = not any(r[5] for r in rows)
    nothing = tr(f"{period.label}结束时店里没有任何库存。", f"There was no stock at the end of {period.label}.")
    return Report(
        "stock", tr(f"库存（截至 {period.label} 结束）", f"Stock on hand at the end of {period.label}"),
        period, subtitle(ctx, period),
        facts=(Fact(tr("商品种数", "Products"), len(rows)), Fact(tr("库存件数", "Pieces"), pieces),
               Fact(tr("折合积分", "Worth in points"), worth), Fact(tr("需补货", "To reorder"), low)),
        tables=(Table("stock", tr("各商品库存", "Stock of each product"), columns, tuple(rows),
                      (tr("合计", "Total"), None, None, None, None, pieces, worth, None), nothing),),
        notes=(nothing,) if empty else (), empty=empty)
