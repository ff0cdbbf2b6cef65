"""Purchase limits (限购): N per household per week or month, said plainly at the counter.

The counter refuses a sale past what its own books show. Two counters selling
offline may each allow the last few; once they sync, the merged books can show a
household past the limit: such sales stand (a sale that went through is never
undone) and the sync screen lists them for the manager, as it lists clashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.core.errors import Refused
from kiosk.core.periods import Period, period_bounds
from kiosk.core.weighed import shown, steps
from kiosk.i18n import N_, _
from kiosk.services.shop import products
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import journal
from kiosk.store import limits as store
from kiosk.store.db import Database

PERIODS = {"week": N_("周"), "month": N_("月")}
_ALIASES = {"周": "week", "每周": "week", "星期": "week", "月": "month", "每月": "month"}
REPORT_DAYS = 62            # the sync screen looks this far back for limits passed


@dataclass(frozen=True)
class Limit:
    name: str
    unit: str
    scale: int
    limit: int              # steps per period
    period: str             # week | month
    taken: int              # steps this household already took this period

    @property
    def left(self) -> int:
        return max(0, self.limit - self.taken)

    def words(self) -> str:
        """还能换 2 件 / 本月已换满, with the rule itself."""
        per, unit = _(PERIODS[self.period]), self.unit
        rule = _("“{name}”每户每{per}限换 {limit}{unit}").format(
            name=self.name, per=per, limit=shown(self.limit, self.scale), unit=unit)
        if not self.left:
            return _("{rule}，本{per}已换满").format(rule=rule, per=per)
        return _("{rule}，还能换 {left}{unit}").format(rule=rule, left=shown(self.left, self.scale),
                                                      unit=unit)


def period_code(text: object) -> str:
    typed = str(text or "").strip().lower()
    if typed in PERIODS:
        return typed
    if typed in _ALIASES:
        return _ALIASES[typed]
    raise Refused("limit_period_unknown", period=str(text)[:20])


def set_limit(ctx: Context, item: str, qty: object | None, period: object = "month") -> Limit | None:
    """Limit a product to `qty` per household per week or month; no qty (or 0) lifts it."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    product = products.resolve(ctx, item)
    lifted = qty is None or str(qty).strip() in ("", "0")
    count = None if lifted else steps(qty, product.scale)
    code = None if lifted else period_code(period)
    with ctx.db.write() as conn:
        store.set_limit(conn, product.id, count, code, ctx.now_text())
        journal.record(conn, ctx.terminal.id, "product", product.id)
        audit_row(conn, ctx, "product.limit", "product", product.id,
                  after={"limit": shown(count, product.scale) if count else None, "per": code})
    return None if lifted else Limit(product.name, product.unit, product.scale, count, code, 0)


def _bounds(period: str, day: date) -> tuple[str, str]:
    if period == "week":
        start = day - timedelta(days=day.weekday())
        return start.isoformat(), (start + timedelta(days=7)).isoformat()
    start, end = period_bounds(Period.MONTH, day)
    return start.isoformat(), end.isoformat()


def standing(ctx: Context, household_id: str, product_id: str) -> Limit | None:
    """The product's limit for this household this period; None when it has none."""
    row = store.limit_of(ctx.db, product_id)
    if row is None:
        return None
    start, end = _bounds(row["limit_period"], ctx.clock.now().date())
    return Limit(row["name"], row["unit"], row["qty_scale"], row["limit_qty"], row["limit_period"],
                 store.taken(ctx.db, household_id, product_id, start, end))


def refuse_over(ctx: Context, household_id: str, counts: dict[str, int]) -> None:
    """Inside the sale's transaction: refuse any line past its household's limit."""
    for product_id, qty in counts.items():
        limit = standing(ctx, household_id, product_id)
        if limit is not None and qty > limit.left:
            raise Refused("limit_reached", words=limit.words(),
                          qty=shown(qty, limit.scale), unit=limit.unit)


def passed_words(db: Database, today: date) -> list[str]:
    """Limits the merged books show passed (offline sales on two counters), in words."""
    since = (today - timedelta(days=REPORT_DAYS)).isoformat()
    return [_("限购超出：{house_no} 在 {start} 起的那{per}换了 {taken}{unit}“{name}”（每户限 {limit}{unit}），"
              "是两台收银台离线时各自兑换的，兑换已记账，请管理员知悉。").format(
                house_no=r["house_no"], start=r["period_start"], per=_(PERIODS[r["limit_period"]]),
                taken=shown(r["taken"], r["qty_scale"]), unit=r["unit"], name=r["name"],
                limit=shown(r["limit_qty"], r["qty_scale"]))
            for r in store.over_limits(db, since)]
