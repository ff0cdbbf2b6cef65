"""Shift summary (交班 / 日结): what the counter did in a day, per operator."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from kiosk.core.chain_code import Anchor
from kiosk.core.points import Points
from kiosk.core.weighed import Qty, quantity
from kiosk.services.audit import chain_anchor
from kiosk.services.context import Context
from kiosk.services.reports import summary as summary_words
from kiosk.services.shop.receipts import shop_name
from kiosk.store import cross_sales
from kiosk.store import shift as shift_store


@dataclass(frozen=True)
class OperatorShift:
    operator: str
    sales: int
    points: Points
    refunds: int
    refunded: Points


@dataclass(frozen=True)
class ShiftSummary:
    day: date
    sales: int
    points: Points                    # redeemed, before refunds
    refunded: Points
    goods: list[tuple[str, int | Qty]] = field(default_factory=list)   # name, quantity out (as shown)
    operators: list[OperatorShift] = field(default_factory=list)
    cross_sales: int = 0                       # 积分互认: paid from another village's ledger
    cross_points: Points = field(default_factory=lambda: Points(0))  # … worth this many of our points
    anchor: Anchor | None = None               # the books' chain head when the slip was made
    shop: str = ""                             # whose slip it is, as the receipts name the shop
    made_at: datetime | None = None            # when it was made: the code above is the head then

    @property
    def anchor_words(self) -> str:
        """The slip's line with the chain code ('' for empty books)."""
        return chain_anchor.words(self.anchor)

    @property
    def cross_words(self) -> str:
        """A line of its own ('' when none): 外村积分兑换 N 单，折合本村 X 分."""
        return summary_words.cross_words(self.cross_sales, self.cross_points) if self.cross_sales else ""

    @property
    def net_points(self) -> Points:
        return self.points - self.refunded


def summary(ctx: Context, day: date | None = None) -> ShiftSummary:
    day = day or ctx.clock.now().date()
    start, end = day.isoformat(), (day + timedelta(days=1)).isoformat()
    db = ctx.db
    sales, points = shift_store.sales(db, start, end)
    refunded = shift_store.refunded(db, start, end)
    goods = shift_store.goods_out(db, start, end)
    per_operator = shift_store.per_operator(db, start, end)
    cross, cross_points = cross_sales.sales_in(db, start, end)
    return ShiftSummary(
        day, sales, Points(points), Points(refunded),
        [(row[0], quantity(row[1], row[2])) for row in goods],
        [OperatorShift(r[0], r[1], Points(r[2]), r[3], Points(r[4])) for r in per_operator
         if r[1] or r[3]],
        cross, Points(cross_points), chain_anchor.current(ctx), shop_name(ctx), ctx.clock.now(),
    )
