"""Stock movements (出入库) in a period: per product from opening to closing, and each move."""

from __future__ import annotations

from kiosk.core.kinds import STOCK_KINDS, stock_words
from kiosk.core.periods import Period
from kiosk.core.weighed import quantity
from kiosk.i18n import _, _p
from kiosk.services.context import Context
from kiosk.services.reports.common import catalogue, subtitle
from kiosk.services.reports.figures import COUNT, Column, Fact, Report, Table
from kiosk.services.reports.period import ReportPeriod
from kiosk.store import reports as store

KINDS = tuple(STOCK_KINDS)


def summary_table(ctx: Context, period: ReportPeriod) -> Table:
    start, end = period.bounds
    moved: dict[str, dict[str, int]] = {}
    for row in store.moves_by_kind(ctx.db, start, end):
        moved.setdefault(row["product_id"], {})[row["kind"]] = row["qty"]
    opening = store.stock_before(ctx.db, start)
    rows = []
    for pid, p in catalogue(ctx).items():
        if pid in moved:
            kinds = moved[pid]
            first = opening.get(pid, 0)
            counts = (first, *(kinds.get(k, 0) for k in KINDS), first + sum(kinds.values()))
            rows.append((p.name, p.unit, *(quantity(n, p.scale) for n in counts)))
    columns = (Column(_p("movements#2", "商品")), Column(_p("movements", "单位")), Column(_("期初"), COUNT),
               *(Column(stock_words(k), COUNT) for k in KINDS), Column(_("期末"), COUNT))
    total = (_("合计"), None, *(sum(r[i] for r in rows) for i in range(2, 3 + len(KINDS) + 1)))
    return Table("movements", _("各商品出入库"), columns, tuple(rows), total,
                 _("没有出入库。"))


def detail_table(ctx: Context, period: ReportPeriod) -> Table:
    rows = tuple((m["at"][:16], m["name"], stock_words(m["kind"]), quantity(m["qty"], m["qty_scale"]),
                  m["receipt"] or m["supplier"] or m["source"] or m["note"],
                  m["delivery_number"], m["note_no"], m["operator"])
                 for m in store.moves_in(ctx.db, *period.bounds))
    columns = (Column(_("时间")), Column(_p("movements#2", "商品")), Column(_("类型")),
               Column(_("数量"), COUNT), Column(_("来源/小票/说明")),
               Column(_("入库单号")), Column(_("送货单号")), Column(_("操作员")))
    return Table("moves", _("出入库明细"), columns, rows,
                 empty_words=_("没有出入库。"))


def build(ctx: Context, period: ReportPeriod, **_unused) -> Report:
    per_product = summary_table(ctx, period)
    kind_total = dict(zip(KINDS, per_product.total[3:3 + len(KINDS)]))
    empty = not per_product.rows
    nothing = _("{label}没有任何出入库。").format(label=period.label)
    # a year of single movements is a book, not a report: the per-product table says it
    tables = (per_product,) if period.kind is Period.YEAR else (per_product, detail_table(ctx, period))
    return Report(
        "movements", _("{label} 出入库汇总").format(label=period.label), period, subtitle(ctx, period),
        facts=tuple(Fact(stock_words(k), kind_total[k]) for k in ("receive", "sale", "return", "damage")),
        tables=tables, notes=(nothing,) if empty else (), empty=empty)
