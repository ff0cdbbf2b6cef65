"""The shopping list (采购单): goods running low, grouped by who brings them, with how many to get.

A product's supplier is the one of its latest delivery. The suggested quantity covers a
month of its sales over the last three months and brings it back above its reorder level:
max(1, ⌈sold in 90 days / 3⌉ + reorder level + 1 − on hand), in whole units. Stock and sales
are kept in steps of a weighed product (kiosk.core.weighed): 1.5 斤 is 15 at a step of 0.1,
so the sum is made in steps and rounded up to whole 斤.
"""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction
from math import ceil
from pathlib import Path

from kiosk.core.money import yuan_text
from kiosk.core.weighed import quantity
from kiosk.documents.shopping_list import ShoppingGroup, ShoppingLine
from kiosk.i18n import N_, _
from kiosk.services.context import Context
from kiosk.services.spreadsheets import write_table
from kiosk.store import shopping as store
from kiosk.store import suppliers as supplier_store

WINDOW_DAYS, MONTHS = 90, 3


def suggested(sold: int, reorder_level: int, stock: int, scale: int = 1) -> int:
    """Whole units to get; `sold` and `stock` in steps (`scale` a unit)."""
    a_month = ceil(Fraction(max(sold, 0), MONTHS * scale))
    return max(1, ceil(a_month + reorder_level + 1 - Fraction(stock, scale)))


def shopping_list(ctx: Context) -> list[ShoppingGroup]:
    """Groups by supplier (name order; goods with none last), each line by name."""
    since = (ctx.clock.now() - timedelta(days=WINDOW_DAYS)).isoformat(timespec="seconds")
    groups: dict[str | None, list[ShoppingLine]] = {}
    for r in store.running_low(ctx.db, since):
        scale = r["qty_scale"]
        line = ShoppingLine(r["name"], r["code"], r["unit"], quantity(r["stock"], scale), r["reorder_level"],
                            quantity(r["sold"], scale), suggested(r["sold"], r["reorder_level"], r["stock"], scale),
                            r["last_cost"])
        groups.setdefault(r["supplier_id"], []).append(line)
    found = []
    for supplier_id, lines in groups.items():
        row = supplier_store.by_id(ctx.db, supplier_id) if supplier_id else None
        found.append(ShoppingGroup(row["name"] if row else "", row["kind"] if row else "",
                                   row["contact"] if row else "", tuple(lines)))
    return sorted(found, key=lambda g: (not g.supplier, g.supplier))


HEADER = (N_("供货方"), N_("编号"), N_("商品"), N_("单位"), N_("现有"), N_("预警数量"),
          N_("近三月兑换"), N_("建议采购"), N_("上次单价（元）"), N_("估计金额（元）"))


def export(ctx: Context, path: Path | str) -> int:
    """The list as .xlsx or .csv, one row per product, its supplier first; returns the rows."""
    rows = [[g.supplier or _("未记录供货方"), ln.code, ln.name, ln.unit, ln.stock, ln.reorder_level,
             ln.sold, ln.suggested, yuan_text(ln.last_cost), yuan_text(ln.cost)]
            for g in shopping_list(ctx) for ln in g.lines]
    write_table(path, [_(h) for h in HEADER], rows)
    return len(rows)


def save_pdf(ctx: Context, path: Path | str) -> Path:
    """The list as an A4 paper to take to the shop or send to the township."""
    from kiosk.printing import shopping_pdf
    from kiosk.printing.atomic import write_atomic
    from kiosk.services.shop.receipts import shop_name

    data = shopping_pdf.shopping_list(shopping_list(ctx), shop_name(ctx), ctx.now_text()[:10])
    return write_atomic(Path(path), data)
