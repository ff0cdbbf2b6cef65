"""Goods (商品): adding, finding by barcode or code, listing."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kiosk.core.barcodes import in_store_code, looks_like_barcode, normalise
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name, initials
from kiosk.core.points import BadPoints, Points
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import goods as store
from kiosk.store import journal

MAX_PRICE = Points(100_000_00)


@dataclass(frozen=True)
class Product:
    id: str
    code: str
    name: str
    category: str
    unit: str
    price: Points
    stock: int
    reorder_level: int
    active: bool

    @classmethod
    def of(cls, row: sqlite3.Row) -> Product:
        return cls(row["id"], row["code"], row["name"], row["category"] or "", row["unit"],
                   Points(row["price"]), row["stock"], row["reorder_level"], bool(row["active"]))


def parse_price(value: object) -> Points:
    try:
        price = Points.parse(value if isinstance(value, int) else str(value))
    except BadPoints:
        raise Refused("points_bad", value=value) from None
    if price.hundredths <= 0:
        raise Refused("price_not_positive")
    if price > MAX_PRICE:
        raise Refused("price_absurd", price=str(price), most=str(MAX_PRICE))
    return price


def add_product(ctx: Context, *, name: str, price: object, category: str = "",
                unit: str = "件", barcode: str | None = None, reorder_level: int = 0) -> Product:
    """A new product; without a barcode it gets an in-store EAN-13 starting with 2."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    name = clean_name(name, "product_name")
    unit = clean_name(unit or "件", "unit")
    price = parse_price(price)
    code = normalise(barcode) if barcode else None
    if code:
        _refuse_taken(ctx, code)
    product_id = new_id()
    with ctx.db.write() as conn:
        code = code or in_store_code(store.max_in_store_number(ctx.db) + 1)
        category_id = _category(conn, ctx, category) if category else None
        store.insert_product(conn, id=product_id, code=code, name=name, initials=initials(name),
                             category_id=category_id, unit=unit, price=price.hundredths,
                             reorder_level=max(0, int(reorder_level)), at=ctx.now_text())
        store.insert_barcode(conn, code, product_id)
        journal.record(conn, ctx.terminal.id, "product", product_id)
        audit_row(conn, ctx, "product.add", "product", product_id,
                  after={"name": name, "code": code, "price": str(price)})
    return Product.of(store.product(ctx.db, product_id))


def _refuse_taken(ctx: Context, code: str) -> None:
    owner = store.barcode_owner(ctx.db, code)
    if owner:
        raise Refused("barcode_exists", code=code, name=owner["name"])


def _category(conn, ctx: Context, name: str) -> str:
    name = clean_name(name, "category")
    found = store.category_id(ctx.db, name)
    if found:
        return found
    category_id = new_id()
    sort = ctx.db.scalar("SELECT COUNT(*) FROM category")
    store.insert_category(conn, id=category_id, name=name, sort=sort)
    return category_id


def resolve(ctx: Context, query: str) -> Product:
    """A product by barcode (validated), product code, or an unambiguous name."""
    text = str(query).strip()
    if looks_like_barcode(text):
        code = normalise(text)
        row = store.product_by_code(ctx.db, code)
        if row is None:
            raise Refused("product_unknown", query=text)
        return Product.of(row)
    row = store.product_by_code(ctx.db, text)
    if row:
        return Product.of(row)
    rows = store.products_named(ctx.db, text) if text else []
    exact = [r for r in rows if r["name"] == text]
    if len(exact) == 1 or len(rows) == 1:
        return Product.of(exact[0] if exact else rows[0])
    if rows:
        raise Refused("product_ambiguous", query=text,
                      candidates="、".join(f"{r['name']}（{r['code']}）" for r in rows[:8]))
    raise Refused("product_unknown", query=text)


def by_scan(ctx: Context, code: str) -> Product | None:
    """The fast path at the counter: a scanned code, or None."""
    row = store.product_by_code(ctx.db, code.strip())
    return Product.of(row) if row else None


def list_products(ctx: Context, include_retired: bool = False) -> list[Product]:
    return [Product.of(row) for row in store.list_products(ctx.db, include_retired)]


def barcodes(ctx: Context, product_id: str) -> list[str]:
    return store.barcodes_of(ctx.db, product_id)
