"""Goods (商品): adding, finding by barcode or code, listing."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from kiosk.core.barcodes import in_store_code, looks_like_barcode, normalise
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_label_name, clean_name, initials, normalise_text
from kiosk.core.points import BadPoints, Points
from kiosk.core.weighed import scale_of_step, shown
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import books, journal
from kiosk.store import catalogue as catalogue_store
from kiosk.store import goods as store

MAX_PRICE = Points(100_000_00)
MAX_REORDER_LEVEL = 100_000
MIN_CODE_DIGITS = 6   # fewer digits are more likely a typed quantity than a scanned code
_PINYIN = re.compile(r"^[a-z0-9]{1,60}$")


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
    initials: str = ""
    owner: str = "village"   # 'township': a shared item, read-only here
    scale: int = 1           # steps per unit: 10 when weighed to 0.1 斤 (stock is in steps)

    @classmethod
    def of(cls, row: sqlite3.Row) -> Product:
        return cls(row["id"], row["code"], row["name"], row["category"] or "", row["unit"],
                   Points(row["price"]), row["stock"], row["reorder_level"], bool(row["active"]),
                   row["initials"], row["owner"], row["qty_scale"])

    @property
    def weighed(self) -> bool:
        """Sold by weight or length (1.5 斤): the counter asks for the amount."""
        return self.scale > 1

    @property
    def shown_stock(self) -> str:
        return shown(self.stock, self.scale)

    @property
    def township(self) -> bool:
        return self.owner == "township"


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


def clean_pinyin(text: object, name: str) -> str:
    """Typed pinyin initials ('dm 5kg' → 'dm5kg'), or the name's own when left empty."""
    typed = "".join(unicodedata.normalize("NFKC", str(text or "")).casefold().split())
    if not typed:
        return initials(name)
    if not _PINYIN.match(typed):
        raise Refused("pinyin_bad", value=str(text)[:40])
    return typed


def parse_reorder_level(value: object) -> int:
    text = str(value if value is not None else "").strip() or "0"
    if not text.isdigit() or int(text) > MAX_REORDER_LEVEL:
        raise Refused("reorder_level_bad", value=text[:20], most=MAX_REORDER_LEVEL)
    return int(text)


def add_product(ctx: Context, *, name: str, price: object, category: str = "",
                unit: str = "件", barcode: str | None = None, reorder_level: object = 0,
                pinyin: str = "", step: object = "1") -> Product:
    """A new product; without a barcode it gets an in-store EAN-13 starting with 2."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    name = clean_label_name(name, "product_name")
    unit = clean_name(unit or "件", "unit")
    price = parse_price(price)
    pinyin = clean_pinyin(pinyin, name)
    reorder_level = parse_reorder_level(reorder_level)
    scale = scale_of_step(step)
    code = normalise(barcode) if barcode else None
    if code:
        refuse_taken(ctx, code)
    refuse_name_taken(ctx, name)
    product_id = new_id()
    with ctx.db.write() as conn:
        code = code or in_store_code(store.max_in_store_number(ctx.db) + 1)
        category_id = category_for(conn, ctx, category)
        store.insert_product(conn, id=product_id, code=code, name=name, initials=pinyin,
                             category_id=category_id, unit=unit, price=price.hundredths,
                             reorder_level=reorder_level, at=ctx.now_text(), qty_scale=scale)
        store.insert_barcode(conn, code, product_id)
        journal.record(conn, ctx.terminal.id, "product", product_id)
        audit_row(conn, ctx, "product.add", "product", product_id,
                  after={"name": name, "code": code, "price": str(price)})
    return Product.of(store.product(ctx.db, product_id))


def refuse_taken(ctx: Context, code: str) -> None:
    owner = store.barcode_owner(ctx.db, code)
    if owner:
        raise Refused("barcode_exists", code=code, name=owner["name"])


def refuse_name_taken(ctx: Context, name: str, product_id: str | None = None) -> None:
    """Two goods with one name cannot be told apart at the counter or on a label."""
    other = store.product_with_name(ctx.db, name)
    if other is not None and other["id"] != product_id:
        raise Refused("product_name_taken", name=name, code=other["code"])


def category_for(conn, ctx: Context, name: str) -> str | None:
    """The category's id, made on first use; None for no category."""
    return _category(conn, ctx, name) if normalise_text(name) else None


def _category(conn, ctx: Context, name: str) -> str:
    name = clean_name(name, "category")
    found = store.category_id(ctx.db, name)
    if found:
        return found
    category_id = new_id()
    sort = books.count(ctx.db, "category")
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
    raise unknown_code(text)


def unknown_code(text: str) -> Refused:
    """Why a code the shop does not know is unknown: a run of digits that no retail barcode
    can be (a 14-digit carton code) cannot be registered, so it is not 'register it first'."""
    text = str(text).strip()
    if text.isascii() and text.isdigit() and len(text) >= MIN_CODE_DIGITS \
            and not looks_like_barcode(text):
        return Refused("barcode_not_goods", code=text[:40], length=len(text))
    return Refused("product_unknown", query=text)


def by_scan(ctx: Context, code: str) -> Product | None:
    """The fast path at the counter: a scanned code, or None."""
    row = store.product_by_code(ctx.db, code.strip())
    return Product.of(row) if row else None


def list_products(ctx: Context, include_retired: bool = False) -> list[Product]:
    return [Product.of(row) for row in store.list_products(ctx.db, include_retired)]


def barcodes(ctx: Context, product_id: str) -> list[str]:
    return store.barcodes_of(ctx.db, product_id)


def catalogue_stamp(ctx: Context) -> tuple:
    """Equal while no product was added, edited or retired: a goods list is still current."""
    return catalogue_store.catalogue_stamp(ctx.db)
