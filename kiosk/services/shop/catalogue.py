"""The catalogue screen's use cases: open a product by scan, add or edit it, retire it.

A price change is kept as history (price_change); a sale's lines keep the price they
were sold at, so an old receipt never changes. Township items (owner 'township',
arriving by sync) are read-only here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.core.barcodes import normalise
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.services.shop import catalogue_measure, products
from kiosk.services.shop.catalogue_fields import (  # noqa: F401
    FIELD_WORDS,
    changed_words,
    PriceChange,
    ProductDetail,
    ProductForm,
    checked,
    extra_codes,
    fields_of,
)
from kiosk.services.shop.catalogue_pictures import Picture
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.shop.products import Product
from kiosk.services.trail import audit_row
from kiosk.store import catalogue as catalogue_store
from kiosk.store import goods as store
from kiosk.store import journal
from kiosk.store import limits as limits_store


@dataclass(frozen=True)
class Scanned:
    code: str                            # the code as the shop keeps it
    detail: ProductDetail | None         # None: not in the shop yet, a new product


@dataclass(frozen=True)
class Edited:
    detail: ProductDetail
    changed: tuple[str, ...]             # field names; empty when nothing changed


def detail(ctx: Context, item: str) -> ProductDetail:
    """A product with its extra barcodes, price history and picture; by id or as resolved."""
    row = store.product(ctx.db, item)
    product = Product.of(row) if row else products.resolve(ctx, item)
    extras = tuple(c for c in store.barcodes_of(ctx.db, product.id) if c != product.code)
    limit = limits_store.limit_of(ctx.db, product.id)
    prices = tuple(PriceChange(Points(r["old_price"]), Points(r["new_price"]), r["at"], r["operator"])
                   for r in catalogue_store.price_changes(ctx.db, product.id))
    picture = catalogue_store.picture(ctx.db, product.id)
    return ProductDetail(product, extras, prices, bytes(picture["data"]) if picture else None,
                         limit["limit_qty"] if limit else None, limit["limit_period"] if limit else None)


def scan(ctx: Context, code: str) -> Scanned:
    """A scanned code: the product it belongs to, or (if valid and unknown) a new one."""
    text = str(code).strip()
    row = store.product_by_code(ctx.db, text)
    if row is None:
        text = normalise(text)
        row = store.product_by_code(ctx.db, text)
    return Scanned(row["code"] if row else text, detail(ctx, row["id"]) if row else None)


def create(ctx: Context, form: ProductForm, barcode: str | None = None,
           picture: Picture | None = None) -> ProductDetail:
    """A new product, its extra barcodes and picture in one transaction."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    main = normalise(barcode) if barcode else None
    extras = extra_codes(form.extra_barcodes, main)
    measure = catalogue_measure.checked(form.step, form.limit, form.per)
    for code in extras:
        products.refuse_taken(ctx, code)
    with ctx.db.write() as conn:
        product = products.add_product(
            ctx, name=form.name, price=form.price, category=form.category, unit=form.unit,
            barcode=main, reorder_level=form.reorder_level, pinyin=form.pinyin)
        for code in extras:
            store.insert_barcode(conn, code, product.id)
        if measure != catalogue_measure.fields(1, None, None):
            catalogue_measure.write(conn, product.id, measure, ctx.now_text())
            journal.record(conn, ctx.terminal.id, "product", product.id)
        if picture is not None:
            _put_picture(conn, ctx, product.id, picture)
    return detail(ctx, product.id)


def edit(ctx: Context, item: str, form: ProductForm, picture: Picture | None = None) -> Edited:
    """Save a product's form; only what differs is written, and the price change kept."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    current = detail(ctx, item)
    refuse_township(current.product)
    catalogue_measure.refuse_step_change(ctx, current.product, form.step)
    before, after = fields_of(current), checked(current, form)
    if picture is not None:
        before["picture"] = catalogue_store.picture_hash(ctx.db, current.product.id) or ""
        after["picture"] = picture.sha256
    changed = tuple(k for k in after if after[k] != before[k])
    if not changed:
        return Edited(current, ())
    for code in set(after["barcodes"]) - set(before["barcodes"]):
        products.refuse_taken(ctx, code)
    if "name" in changed:
        products.refuse_name_taken(ctx, after["name"], current.product.id)
    with ctx.db.write() as conn:
        _write(conn, ctx, current, after, changed, picture)
        audit_row(conn, ctx, "product.edit", "product", current.product.id,
                  before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    return Edited(detail(ctx, current.product.id), changed)


def set_active(ctx: Context, item: str, active: bool) -> ProductDetail:
    """Retire a product (it leaves the counter's list) or bring it back."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    current = detail(ctx, item)
    refuse_township(current.product)
    if current.product.active == active:
        return current
    with ctx.db.write() as conn:
        store.set_active(conn, current.product.id, active, ctx.now_text())
        journal.record(conn, ctx.terminal.id, "product", current.product.id)
        audit_row(conn, ctx, "product.restore" if active else "product.retire", "product",
                  current.product.id, before={"active": not active}, after={"active": active})
    return detail(ctx, current.product.id)


def set_picture(ctx: Context, item: str, picture: Picture | None) -> ProductDetail:
    """Give a product a picture (already prepared), or with None take it away."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    current = detail(ctx, item)
    refuse_township(current.product)
    product_id = current.product.id
    before = catalogue_store.picture_hash(ctx.db, product_id) or ""
    if before == (picture.sha256 if picture else ""):
        return current
    with ctx.db.write() as conn:
        if picture is None:
            catalogue_store.delete_picture(conn, product_id)
        else:
            _put_picture(conn, ctx, product_id, picture)
        journal.record(conn, ctx.terminal.id, "product_picture", product_id)
        audit_row(conn, ctx, "product.picture", "product", product_id, before={"picture": before},
                  after={"picture": picture.sha256 if picture else ""})
    return detail(ctx, product_id)


def refuse_township(product: Product) -> None:
    if product.township:
        raise Refused("product_township", name=product.name)


def _write(conn, ctx: Context, current: ProductDetail, after: dict, changed: tuple[str, ...],
           picture: Picture | None) -> None:
    old = current.product
    at = ctx.now_text()
    price = Points.parse(after["price"])
    store.update_product(conn, id=old.id, name=after["name"], initials=after["pinyin"],
                         category_id=products.category_for(conn, ctx, after["category"]),
                         unit=after["unit"], price=price.hundredths,
                         reorder_level=after["reorder_level"], at=at)
    if set(changed) & set(catalogue_measure.MEASURE_FIELDS):
        catalogue_measure.write(conn, old.id, after, at)
    journal.record(conn, ctx.terminal.id, "product", old.id)
    if "price" in changed:
        change_id = new_id()
        catalogue_store.insert_price_change(conn, id=change_id, product_id=old.id,
                                           old_price=old.price.hundredths,
                                           new_price=price.hundredths,
                                           operator_id=ctx.actor.operator_id, at=at)
        journal.record(conn, ctx.terminal.id, "price_change", change_id)
    for code in set(current.extra_barcodes) - set(after["barcodes"]):
        store.delete_barcode(conn, code, old.id)
    for code in set(after["barcodes"]) - set(current.extra_barcodes):
        store.insert_barcode(conn, code, old.id)
    if picture is not None and "picture" in changed:
        _put_picture(conn, ctx, old.id, picture)
        journal.record(conn, ctx.terminal.id, "product_picture", old.id)


def _put_picture(conn, ctx: Context, product_id: str, picture: Picture) -> None:
    catalogue_store.put_picture(conn, product_id=product_id, mime=picture.mime,
                                width=picture.width, height=picture.height, data=picture.data,
                                sha256=picture.sha256, at=ctx.now_text())


def with_changes(current: ProductDetail, **given: object) -> ProductForm:
    """The product's form with some fields replaced (the command line's `edit`)."""
    return replace(current.form(), **{k: v for k, v in given.items() if v is not None})
