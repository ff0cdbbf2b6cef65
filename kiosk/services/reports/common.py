"""What several reports share: the shop's name, the catalogue, the ledger's figures (kinds: kiosk.core.kinds)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.points import Points
from kiosk.i18n import _
from kiosk.services.context import Context
from kiosk.services.shop.receipts import shop_name
from kiosk.services.reports.figures import Totals
from kiosk.services.reports.period import ReportPeriod
from kiosk.store import reports as store


def subtitle(ctx: Context, period: ReportPeriod) -> str:
    """'青石村积分超市 · 2026年11月 · 单位：美德积分'."""
    return _("{value} · {label} · 单位：{currency}").format(value=shop_name(ctx), label=period.label, currency=ctx.village.currency)


def other_category() -> str:
    return _("其他")


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    category: str
    unit: str
    price: Points
    reorder_level: int
    active: bool
    scale: int = 1            # steps per unit of a weighed product (kiosk.core.weighed)


def catalogue(ctx: Context, ids: list[str] | None = None) -> dict[str, Product]:
    """Every product (or those with these ids) by id, in catalogue order (category, then name)."""
    return {r["id"]: Product(r["code"], r["name"], r["category"], r["unit"], Points(r["price"]),
                             r["reorder_level"], bool(r["active"]), r["qty_scale"])
            for r in store.products(ctx.db, ids)}


@dataclass(frozen=True)
class LedgerFigures:
    """The points side of a period: what came in and went out, and what is owed."""
    opening: Points
    issued: Totals        # awards by rule category
    deducted: Totals      # deductions by rule category
    other: Totals         # redeem, refund, adjust, expire, transfer: by kind

    @property
    def moved(self) -> Points:
        return self.issued.sum() + self.deducted.sum() + self.other.sum()

    @property
    def closing(self) -> Points:
        return self.opening + self.moved

    @property
    def entries(self) -> int:
        return sum(t for part in (self.issued, self.deducted, self.other) for t in part.count.values())


def ledger_figures(ctx: Context, period: ReportPeriod, rows=None) -> LedgerFigures:
    """The period's ledger by kind and category; `rows` when its sums are already read."""
    start, end = period.bounds
    categories = store.rule_categories(ctx.db)
    issued, deducted, other = Totals(), Totals(), Totals()
    for row in store.ledger_by_kind_rule(ctx.db, start, end) if rows is None else rows:
        category = categories.get(row["rule_id"]) or other_category()
        part = {"award": issued, "deduct": deducted}.get(row["kind"])
        if part is not None:
            part.add(category, row["entries"], row["hundredths"])
        else:
            other.add(row["kind"], row["entries"], row["hundredths"])
    return LedgerFigures(Points(store.outstanding_before(ctx.db, start)), issued, deducted, other)
