"""The parts of 日结 and 月结: points in and out by category, goods out, what is owed.

Everything counts by the time a record was made, so the period's opening balance
plus what moved in it is its closing balance, to the hundredth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.kinds import ENTRY_KINDS, SCORED, entry_words
from kiosk.core.points import Points
from kiosk.core.weighed import Qty, quantity
from kiosk.i18n import _, _p
from kiosk.services.context import Context
from kiosk.services.reports.common import LedgerFigures, Product, catalogue
from kiosk.services.reports.figures import (
    COUNT,
    POINTS,
    Chart,
    Column,
    Fact,
    Table,
    Totals,
)
from kiosk.services.reports.period import ReportPeriod
from kiosk.store import cross_sales
from kiosk.store import reports as store

OTHER_KINDS = tuple(k for k in ENTRY_KINDS if k not in SCORED)   # by kind, not by category
TOP_GOODS = 10


@dataclass(frozen=True)
class GoodsLine:
    product: Product
    out: int | Qty         # as shown (kiosk.core.weighed.quantity): 1.5 斤, not 15 steps
    back: int | Qty
    points: Points         # net of refunds

    @property
    def net(self) -> int | Qty:
        return self.out - self.back


@dataclass(frozen=True)
class Counter:
    """The counter's side of a period: exchanges, refunds and the goods that left."""
    sales: int
    sold: Points
    refunds: int
    refunded: Points
    goods: tuple[GoodsLine, ...]
    cross_sales: int = 0        # 积分互认: visitors' exchanges, paid from their home village's ledger
    cross_sold: Points = field(default_factory=lambda: Points(0))

    @property
    def pieces(self) -> int | Qty:
        return sum(line.net for line in self.goods)


def counter_figures(ctx: Context, period: ReportPeriod) -> Counter:
    start, end = period.bounds
    sold = {r["product_id"]: (r["qty"], r["hundredths"]) for r in store.goods_sold(ctx.db, start, end)}
    for r in cross_sales.goods_sold(ctx.db, start, end):   # visitors' goods leave the same shelves
        qty, hundredths = sold.get(r["product_id"], (0, 0))
        sold[r["product_id"]] = (qty + r["qty"], hundredths + r["hundredths"])
    back = {r["product_id"]: (r["qty"], r["hundredths"]) for r in store.goods_refunded(ctx.db, start, end)}
    products = catalogue(ctx, list({**sold, **back}))
    lines = [GoodsLine(products[pid], quantity(sold.get(pid, (0, 0))[0], products[pid].scale),
                       quantity(back.get(pid, (0, 0))[0], products[pid].scale),
                       Points(sold.get(pid, (0, 0))[1] - back.get(pid, (0, 0))[1]))
             for pid in {**sold, **back}]
    lines.sort(key=lambda g: (-_number(g.net), -g.points.hundredths, g.product.name, g.product.code))
    (sales, total), (refunds, refunded) = store.sales_in(ctx.db, start, end), store.refunds_in(ctx.db, start, end)
    cross, cross_total = cross_sales.sales_in(ctx.db, start, end)
    return Counter(sales, Points(total), refunds, Points(refunded), tuple(lines), cross, Points(cross_total))


def _number(qty: int | Qty) -> float:
    return qty.count / qty.scale if isinstance(qty, Qty) else qty


def is_empty(ledger: LedgerFigures, counter: Counter) -> bool:
    return ledger.entries == 0 and counter.sales == 0 and counter.refunds == 0 and counter.cross_sales == 0


def nothing_words(period: ReportPeriod) -> str:
    return _("{label}没有任何积分记账，也没有兑换。下面的结余是从以前结转的。").format(label=period.label)


def cross_words(sales: int, points: Points) -> str:
    """积分互认 on its own line: the points came off another village's ledger, not ours."""
    return _("外村积分兑换 {sales} 单，折合本村 {points} 分").format(sales=sales, points=points)


def facts(ledger: LedgerFigures, counter: Counter) -> tuple[Fact, ...]:
    cross = (Fact(_("外村积分兑换"), cross_words(counter.cross_sales, counter.cross_sold)),)
    return (
        Fact(_("期初结余"), ledger.opening),
        Fact(entry_words("award"), ledger.issued.sum()),
        Fact(entry_words("redeem"), Points(-ledger.other.points.get("redeem", 0))),
        Fact(_("期末结余（村民未用的积分）"), ledger.closing),
        Fact(_("兑换单"), counter.sales),
        Fact(_("出库商品（件）"), counter.pieces),
        *(cross if counter.cross_sales else ()),
    )


def balance_table(ledger: LedgerFigures) -> Table:
    item, count, points = _("项目"), _("笔数"), _("积分")
    rows = [(_("期初结余"), None, ledger.opening),
            (entry_words("award"), sum(ledger.issued.count.values()), ledger.issued.sum()),
            (entry_words("deduct"), sum(ledger.deducted.count.values()), ledger.deducted.sum())]
    for kind in OTHER_KINDS:
        if kind in ("redeem", "refund") or kind in ledger.other.count:
            rows.append((entry_words(kind), ledger.other.count.get(kind, 0),
                         Points(ledger.other.points.get(kind, 0))))
    return Table("balance", _("积分收支"),
                 (Column(item), Column(count, COUNT), Column(points, POINTS)), tuple(rows),
                 total=(_("期末结余"), None, ledger.closing))


def category_table(key: str, title: str, totals: Totals, none: str) -> Table:
    rows = sorted(((name, totals.count[name], Points(totals.points[name])) for name in totals.count),
                  key=lambda r: (-abs(r[2].hundredths), r[0]))
    return Table(key, title, (Column(_("类别")), Column(_("笔数"), COUNT),
                              Column(_("积分"), POINTS)),
                 tuple(rows), total=(_("合计"), sum(totals.count.values()), totals.sum()),
                 empty_words=none)


def ledger_tables(ledger: LedgerFigures) -> tuple[Table, ...]:
    return (balance_table(ledger),
            category_table("awarded", _("{kind}（按类别）").format(kind=entry_words("award")),
                           ledger.issued, _("没有发放积分。")),
            category_table("deducted", _("{kind}（按类别）").format(kind=entry_words("deduct")),
                           ledger.deducted, _("没有扣分。")))


def goods_table(counter: Counter) -> Table:
    columns = (Column(_p("summary#2", "商品")), Column(_p("summary", "单位")),
               Column(_p("summary", "兑换"), COUNT), Column(_p("summary", "退回"), COUNT),
               Column(_("净出库"), COUNT), Column(_("积分"), POINTS))
    rows = tuple((g.product.name, g.product.unit, g.out, g.back, g.net, g.points) for g in counter.goods)
    total = (_("合计"), None, sum(g.out for g in counter.goods),
             sum(g.back for g in counter.goods), counter.pieces, counter.sold + counter.cross_sold - counter.refunded)
    return Table("goods", _("出库商品"), columns, rows, total,
                 _("没有商品出库。"))


def top_goods_chart(counter: Counter) -> Chart:
    top = [g for g in counter.goods if _number(g.net) > 0][:TOP_GOODS]
    return Chart("bars", _("兑换最多的商品（前 {TOP_GOODS} 名，件）").format(TOP_GOODS=TOP_GOODS),
                 tuple(g.product.name for g in top),
                 ((_("件数"), tuple(float(_number(g.net)) for g in top)),), _p("summary", "件"))
