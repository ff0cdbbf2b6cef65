"""Food dates (保质期): best-before dates on delivery lines, what is near its date, and
writing off what is past it.

What is left of each dated batch is worked out first in, first out: the goods on
hand are taken to be the newest received, so the oldest batch empties first. A
batch with no date is never near expiry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.config import EXPIRY_DAYS_AHEAD
from kiosk.core.errors import Refused
from kiosk.core.weighed import shown
from kiosk.services.setup import settings
from kiosk.services.shop import products
from kiosk.services.stock import movements as stock
from kiosk.services.context import Context
from kiosk.store import food_dates as store

_DATE = re.compile(r"^\s*(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?\s*$")


@dataclass(frozen=True)
class Batch:
    name: str
    code: str
    unit: str
    scale: int
    delivery: str           # the receiving note's number (RK…), or ''
    best_before: str        # YYYY-MM-DD
    left: int               # in the product's steps, first in first out
    expired: bool

    @property
    def shown_left(self) -> str:
        return shown(self.left, self.scale)


def best_before_date(text: object, line: int) -> str | None:
    """A typed best-before date (2026-12-20, 2026/12/20, 20261220) or None when left empty."""
    if text is None or not str(text).strip():
        return None
    match = _DATE.match(str(text))
    try:
        return date(*map(int, match.groups())).isoformat() if match else _bad(text, line)
    except ValueError:
        return _bad(text, line)


def _bad(text: object, line: int) -> None:
    raise Refused("delivery_line_best_before", line=line, value=str(text).strip()[:20])


def best_before_dates(lines) -> list[str | None]:
    return [best_before_date(line.best_before, line.row or n) for n, line in enumerate(lines, start=1)]


def batches(ctx: Context, today: date | None = None) -> list[Batch]:
    """Every dated batch with goods still left, oldest date first."""
    today = today or ctx.clock.now().date()
    found = []
    for rows in store.dated_receipts(ctx.db).values():
        on_hand, newer = rows[0]["on_hand"], 0
        for row in rows:                        # newest received first
            left = max(0, min(row["qty"], on_hand - newer))
            newer += row["qty"]
            if left and row["best_before"]:
                found.append(Batch(row["name"], row["code"], row["unit"], row["qty_scale"],
                                   row["delivery_number"] or "", row["best_before"], left,
                                   row["best_before"] < today.isoformat()))
    return sorted(found, key=lambda b: (b.best_before, b.name))


def near_expiry(ctx: Context, days: int | None = None) -> list[Batch]:
    """Batches past their date or within `days` of it (the setting stock.expiry_days, 7)."""
    days = int(settings.value(ctx, EXPIRY_DAYS_AHEAD)) if days is None else days
    today = ctx.clock.now().date()
    limit = (today + timedelta(days=days)).isoformat()
    return [b for b in batches(ctx, today) if b.best_before <= limit]


def write_off_expired(ctx: Context, item: str, reason: str = "过期") -> stock.StockChange:
    """Write off what is left of the item's expired batches (损耗 · 过期), naming them."""
    product = products.resolve(ctx, item)
    expired = [b for b in batches(ctx) if b.expired and b.code == product.code]
    if not expired:
        raise Refused("nothing_expired", name=product.name)
    qty = sum(b.left for b in expired)
    named = "、".join(f"{b.delivery or '—'}（{b.best_before}）" for b in expired)
    return stock.writeoff(ctx, product.code, shown(qty, product.scale), "expired",
                          f"{reason}：{named}")
