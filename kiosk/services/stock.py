"""Stock movements (出入库): receiving, adjusting, counting."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.quantity import whole_number
from kiosk.services import products
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import goods as store

SOURCES = ("乡镇配送", "捐赠", "采购", "其他")
MAX_ON_HAND = 100_000
ADJUST_KINDS = ("adjust", "damage")


@dataclass(frozen=True)
class StockChange:
    product: str
    code: str
    before: int
    after: int


def receive(ctx: Context, item: str, qty: object, source: str = "乡镇配送",
            note: str = "") -> StockChange:
    require(ctx.actor, Action.RECEIVE_STOCK)
    product = products.resolve(ctx, item)
    count = _receive_count(qty)
    return _move(ctx, product, "receive", count, source=clean_name(source, "source"), note=note)


def _receive_count(qty: object) -> int:
    text = str(qty).strip()
    count = whole_number(qty)
    if count <= 0:
        raise Refused("qty_not_positive", qty=text)
    if count > MAX_ON_HAND:
        raise Refused("qty_absurd", qty=text, most=MAX_ON_HAND)
    return count


def adjust(ctx: Context, item: str, delta: object, reason: str, kind: str = "adjust") -> StockChange:
    """Add or take away stock with a reason: damage (损耗) or a correction."""
    require(ctx.actor, Action.ADJUST_STOCK)
    if kind not in ADJUST_KINDS:
        raise Refused("stock_kind_unknown", kind=str(kind)[:20])
    product = products.resolve(ctx, item)
    text = str(delta).strip()
    count = whole_number(delta)
    if count == 0:
        raise Refused("qty_not_positive", qty=text)
    if kind == "damage" and count > 0:
        raise Refused("damage_not_negative")
    if abs(count) > MAX_ON_HAND:
        raise Refused("qty_absurd", qty=text, most=MAX_ON_HAND)
    if not reason or not reason.strip():
        raise Refused("reason_required")
    return _move(ctx, product, kind, count, note=clean_name(reason, "reason"))


def take(ctx: Context, item: str, counted: object, reason: str = "盘点") -> StockChange:
    """Record a counted quantity: the difference is posted as a stock-take movement."""
    require(ctx.actor, Action.ADJUST_STOCK)
    product = products.resolve(ctx, item)
    text, count = str(counted).strip(), whole_number(counted)
    if count < 0:
        raise Refused("qty_not_whole", qty=text)
    if count > MAX_ON_HAND:
        raise Refused("qty_absurd", qty=text, most=MAX_ON_HAND)
    note = clean_name(reason or "盘点", "reason")
    with ctx.db.write() as conn:  # read and post under one lock: no sale slips in between
        on_hand = store.stock_of(conn, product.id)
        if count == on_hand:
            return StockChange(product.name, product.code, on_hand, on_hand)
        return _move(ctx, product, "take", count - on_hand, note=note)


def _move(ctx: Context, product, kind: str, qty: int, source: str = "", note: str = "") -> StockChange:
    with ctx.db.write() as conn:
        before = store.stock_of(conn, product.id)
        if before + qty < 0:
            raise Refused("stock_below_zero", name=product.name, on_hand=before)
        move_id = new_id()
        store.move(conn, id=move_id, product_id=product.id, kind=kind, qty=qty,
                   terminal_id=ctx.terminal.id, at=ctx.now_text(), source=source, note=note,
                   operator_id=ctx.actor.operator_id)
        audit_row(conn, ctx, f"stock.{kind}", "product", product.id,
                  before={"stock": before}, after={"stock": before + qty, "source": source, "note": note})
    return StockChange(product.name, product.code, before, before + qty)
