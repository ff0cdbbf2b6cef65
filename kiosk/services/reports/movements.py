"""Stock movements (出入库) in a period: per product from opening to closing, and each move."""

from __future__ import annotations

from kiosk.core.periods import Period
from kiosk.i18n import tr
from kiosk.services.context import Context
from kiosk.services.reports.common import catalogue, subtitle
from kiosk.services.reports.figures import COUNT, Column, Fact, Report, Table
from kiosk.services.reports.period import ReportPeriod
from kiosk.store import reports as store

KINDS = ("receive", "sale", "return", "take", "damage", "adjust")
KIND_WORDS = {"receive": ("入库", "received"), "sale": ("兑换出库", "exchanged"),
              "return": ("退货回库", "returned"), "take": ("盘点差额", "stock-take"),
              "damage": ("报损", "written off"), "adjust": ("调整", "adjusted")}


def kind_words(kind: str) -> str:
    return tr(*KIND_WORDS.get(kind, (kind, kind)))


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
            rows.append((p.name, p.unit, first, *(kinds.get(k, 0) for k in KINDS),
                         first + sum(kinds.values())))
    columns = (Column(tr("商品", "Goods")), Column(tr("单位", "Unit")), Column(tr("期初", "Opening"), COUNT),
               *(Column(kind_words(k), COUNT) for k in KINDS), Column(tr("期末", "Closing"), COUNT))
    total = (tr("合计", "Total"), None, *(sum(r[i] for r in rows) for i in range(2, 3 + len(KINDS) + 1)))
    return Table("movements", tr("各商品出入库", "Movements per product"), columns, tuple(rows), total,
                 tr("没有出入库。", "No stock moved."))


def detail_table(ctx: Context, period: ReportPeriod) -> Table:
    rows = tuple((m["at"][:16], m["name"], kind_words(m["kind"]), m["qty"],
                  m["receipt"] or m["source"] or m["note"], m["operator"])
                 for m in store.moves_in(ctx.db, *period.bounds))
    columns = (Column(tr("时间", "Time")), Column(tr("商品", "Goods")), Column(tr("类型", "Kind")),
               Column(tr("数量", "Qty"), COUNT), Column(tr("来源/小票/说明", "Source / receipt / note")),
               Column(tr("操作员", "Operator")))
    return Table("moves", tr("出入库明细", "Each movement"), columns, rows,
                 empty_words=tr("没有出入库。", "No stock moved."))


def build(ctx: Context, period: ReportPeriod, **_) -> Report:
    per_product = summary_table(ctx, period)
    kind_total = dict(zip(KINDS, per_product.total[3:3 + len(KINDS)]))
    empty = not per_product.rows
    nothing = tr(f"{period.label}没有任何出入库。", f"No stock moved in {period.label}.")
    # a year of single movements is a book, not a report: the per-product table says it
    tables = (per_product,) if period.kind is Period.YEAR else (per_product, detail_table(ctx, period))
    return Report(
        "movements", tr(f"{period.label} 出入库汇总", f"Stock movements, {period.label}"), period, subtitle(ctx, period),
        facts=tuple(Fact(kind_words(k), kind_total[k]) for k in ("receive", "sale", "return", "damage")),
        tables=tables, notes=(nothing,) if empty else (), empty=empty)
