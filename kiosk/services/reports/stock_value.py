"""库存金额: the goods' worth in yuan over a month (opening, received, given out, written off,
closing), alongside points, for the village's accounts and audits of public funds.

Valued at moving average cost: each product's stock has a value in fen; a received line
adds its cost (a purchase's price, a gift's declared value; nothing for goods that came
with no price, such as the township's deliveries); every other movement moves value at
the average of the moment. So opening + received − given out − written off ± other
(returns, stock-take and corrections) = closing, exactly, to the fen.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kiosk.core.points import Points
from kiosk.core.weighed import amount, quantity
from kiosk.i18n import _, _p
from kiosk.services.context import Context
from kiosk.services.reports.common import catalogue, subtitle
from kiosk.services.reports.figures import COUNT, POINTS, Column, Fact, Report, Table
from kiosk.services.reports.period import ReportPeriod
from kiosk.store import reports as store

YUAN = "yuan"                # a column of yuan: right-aligned numbers with two decimals
FLOWS = ("receive", "sale", "damage", "other")


def yuan(fen: int) -> Decimal:
    """Fen as yuan with two decimals (12.50): exact, a number for Excel, text for the PDF."""
    return Decimal(int(fen)).scaleb(-2)


@dataclass
class Book:
    """One product's stock and its value in fen, moved one movement at a time."""
    qty: int = 0
    value: int = 0

    def move(self, qty: int, unit_cost: int | None, kind: str, scale: int = 1) -> int:
        """Applies a movement of `qty` steps (`scale` steps a unit, kiosk.core.weighed) at a
        unit's cost; returns the value it moved (fen, signed)."""
        if kind == "receive" and qty > 0:
            moved = round(qty * (unit_cost or 0) / scale)
        elif self.qty > 0:
            moved = round(self.value * qty / self.qty) if qty < 0 or self.value else 0
            moved = -self.value if qty <= -self.qty else moved
        else:
            moved = 0
        self.qty += qty
        self.value += moved
        return moved


def _flow(kind: str) -> str:
    return kind if kind in ("receive", "sale", "damage") else "other"


def _books(ctx: Context, start: str, end: str, scales: dict[str, int]) -> tuple[dict, dict, dict]:
    """Per product: the book at `start`, the book at `end`, and the value of each flow between."""
    opening: dict[str, Book] = {}
    books: dict[str, Book] = {}
    flows: dict[str, dict[str, int]] = {}
    for product_id, kind, qty, unit_cost, at in store.moves_for_value(ctx.db, end):
        book = books.setdefault(product_id, Book())
        if at >= start and product_id not in opening:
            opening[product_id] = Book(book.qty, book.value)
        moved = book.move(qty, unit_cost, kind, scales.get(product_id, 1))
        if at >= start:
            per = flows.setdefault(product_id, dict.fromkeys(FLOWS, 0))
            per[_flow(kind)] += moved
    for product_id, book in books.items():
        opening.setdefault(product_id, Book(book.qty, book.value))
    return opening, books, flows


def _row(p, first: Book, last: Book, flow: dict[str, int]) -> tuple:
    return (p.name, p.unit, quantity(first.qty, p.scale), yuan(first.value), yuan(flow["receive"]),
            yuan(-flow["sale"]), yuan(-flow["damage"]), yuan(flow["other"]), quantity(last.qty, p.scale),
            yuan(last.value), amount(p.price, last.qty, p.scale))


def _columns() -> tuple[Column, ...]:
    return (Column(_p("stock_value", "商品")), Column(_p("stock_value", "单位")),
            Column(_("期初数"), COUNT), Column(_("期初金额"), YUAN), Column(_("入库金额"), YUAN),
            Column(_("出库金额"), YUAN), Column(_("报损金额"), YUAN), Column(_("其他"), YUAN),
            Column(_("期末数"), COUNT), Column(_("期末金额"), YUAN), Column(_("期末积分"), POINTS))


def build(ctx: Context, period: ReportPeriod, **_unused) -> Report:
    start, end = period.bounds
    goods = catalogue(ctx)
    opening, closing, flows = _books(ctx, start, end, {pid: p.scale for pid, p in goods.items()})
    nothing_moved = dict.fromkeys(FLOWS, 0)
    rows = []
    for pid, p in goods.items():
        first, last = opening.get(pid, Book()), closing.get(pid, Book())
        if first.qty or last.qty or first.value or last.value or pid in flows:
            rows.append(_row(p, first, last, flows.get(pid, nothing_moved)))
    sums = [sum(r[i] for r in rows) for i in range(2, 10)]
    points = Points(sum(r[10].hundredths for r in rows))
    total = (_("合计"), None, *sums, points)
    empty = not rows
    nothing = _("{label}店里没有库存，也没有出入库。").format(label=period.label)
    facts = (Fact(_("期初金额（元）"), sums[1]), Fact(_("入库金额（元）"), sums[2]),
             Fact(_("兑换出库金额（元）"), sums[3]), Fact(_("报损金额（元）"), sums[4]),
             Fact(_("期末金额（元）"), sums[7]), Fact(_("期末折合积分"), points))
    notes = (nothing,) if empty else (
        _("金额单位：元。按移动加权平均成本计价：采购按进价、捐赠按申报价值入账；乡镇配送等没有价格的货按 0 元入账，"
          "积分一栏照常计算。"),)
    return Report("value", _("{label} 库存金额").format(label=period.label), period,
                  subtitle(ctx, period), facts=facts,
                  tables=(Table("value", _("各商品库存金额"), _columns(), tuple(rows), total, nothing),),
                  notes=notes, empty=empty)
