"""Stock movements (出入库) of one item: receiving, write-offs, adjusting, counting; lists."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.kinds import BY_HAND_MOVES, STOCK_KINDS
from kiosk.core.names import clean_name
from kiosk.core.quantity import whole_number
from kiosk.core.weighed import shown, steps
from kiosk.services.shop import products
from kiosk.services.context import Context
from kiosk.services.dates import parse_day
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import goods as goods_store
from kiosk.store import journal
from kiosk.store import stock as store
from kiosk.store import stocktake as count_store
from kiosk.i18n import N_, _

SOURCES = ("乡镇配送", "捐赠", "采购", "其他")
MAX_ON_HAND = 100_000
ADJUST_KINDS = BY_HAND_MOVES       # kiosk.core.kinds: damage (损耗) and adjust
# Write-off reasons: code -> (zh, en); typed Chinese words are understood too.
WHYS = {"damaged": N_("损坏"), "expired": N_("过期"), "lost": N_("丢失")}
_WHY_ALIASES = {"破损": "damaged", "坏了": "damaged", "过期了": "expired", "丢了": "lost",
                "遗失": "lost", "不见了": "lost"}


@dataclass(frozen=True)
class StockChange:
    product: str
    code: str
    before: int               # in the product's steps (see kiosk.core.weighed)
    after: int
    scale: int = 1

    @property
    def shown_before(self) -> str:
        return shown(self.before, self.scale)

    @property
    def shown_after(self) -> str:
        return shown(self.after, self.scale)


@dataclass(frozen=True)
class LowItem:
    name: str
    code: str
    unit: str
    stock: int                # in the product's steps; reorder_level is in whole units
    reorder_level: int
    scale: int = 1

    @property
    def shown_stock(self) -> str:
        return shown(self.stock, self.scale)


@dataclass(frozen=True)
class Move:
    at: str
    product: str
    code: str
    unit: str
    kind: str
    qty: int
    source: str
    note: str
    why: str
    operator: str
    delivery: str
    receipt: str
    scale: int = 1              # steps per unit (kiosk.core.weighed): qty is in steps


def receive(ctx: Context, item: str, qty: object, source: str = "乡镇配送",
            note: str = "") -> StockChange:
    require(ctx.actor, Action.RECEIVE_STOCK)
    product = products.resolve(ctx, item)
    count = receive_count(qty, product.scale)
    return _move(ctx, product, "receive", count, source=clean_name(source, "source"), note=note)


def receive_count(qty: object, scale: int = 1) -> int:
    """A quantity received: a whole number from 1 to MAX_ON_HAND (in steps when weighed)."""
    if scale > 1:
        return steps(qty, scale, MAX_ON_HAND)
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
    count = signed_count(delta, product.scale)
    if count == 0:
        raise Refused("qty_not_positive", qty=text)
    if not STOCK_KINDS[kind].sign.allows(count):     # damage only takes away
        raise Refused("damage_not_negative")
    if abs(count) > MAX_ON_HAND:
        raise Refused("qty_absurd", qty=text, most=MAX_ON_HAND)
    if not reason or not reason.strip():
        raise Refused("reason_required")
    return _move(ctx, product, kind, count, note=clean_name(reason, "reason"))


def signed_count(delta: object, scale: int) -> int:
    """A typed change (+3, -1.5) in the product's steps; whole numbers for pieces."""
    if scale == 1:
        return whole_number(delta)
    text = str(delta).strip()
    negative = text.startswith("-")
    return (-1 if negative else 1) * steps(text.lstrip("+-").strip() or text, scale, MAX_ON_HAND)


def why_code(why: object) -> str:
    text = str(why).strip().lower()
    for code, words in WHYS.items():
        if text in (code, words, _(words, "en")):
            return code
    if text in _WHY_ALIASES:
        return _WHY_ALIASES[text]
    raise Refused("writeoff_why_unknown", why=str(why)[:20])


def writeoff(ctx: Context, item: str, qty: object, why: str, reason: str) -> StockChange:
    """Write goods off (损耗): damaged, expired or lost, never more than are on hand."""
    require(ctx.actor, Action.ADJUST_STOCK)
    code = why_code(why)
    product = products.resolve(ctx, item)
    count = receive_count(qty, product.scale)
    if not reason or not str(reason).strip():
        raise Refused("reason_required")
    note = clean_name(reason, "reason")
    with ctx.db.write() as conn:  # read and post under one lock: no sale slips in between
        on_hand = goods_store.stock_of(conn, product.id)
        if count > on_hand:
            raise Refused("writeoff_more_than_on_hand", name=product.name,
                          on_hand=shown(on_hand, product.scale), qty=shown(count, product.scale),
                          unit=product.unit)
        return _move(ctx, product, "damage", -count, note=note, why=code)


def take(ctx: Context, item: str, counted: object, reason: str = "盘点") -> StockChange:
    """Record a counted quantity: the difference is posted as a stock-take movement."""
    require(ctx.actor, Action.ADJUST_STOCK)
    product = products.resolve(ctx, item)
    text = str(counted).strip()
    count = whole_number(counted) if product.scale == 1 else counted_steps(counted, product.scale)
    if count < 0:
        raise Refused("count_negative", qty=text)
    if count > MAX_ON_HAND:
        raise Refused("qty_absurd", qty=text, most=MAX_ON_HAND)
    note = clean_name(reason or "盘点", "reason")
    with ctx.db.write() as conn:  # read and post under one lock: no sale slips in between
        if count_store.open_count(conn):  # its own line would count this item twice
            raise Refused("stocktake_use_count", name=product.name)
        on_hand = goods_store.stock_of(conn, product.id)
        if count == on_hand:
            return StockChange(product.name, product.code, on_hand, on_hand, product.scale)
        return _move(ctx, product, "take", count - on_hand, note=note)


def counted_steps(counted: object, scale: int) -> int:
    """A counted amount of a weighed product: 0 or more, in its steps."""
    text = str(counted).strip()
    try:
        return steps(text, scale, MAX_ON_HAND)
    except Refused as exc:      # an empty shelf is counted as 0
        if exc.code == "qty_not_positive" and not text.startswith("-"):
            return 0
        raise


def _move(ctx: Context, product, kind: str, qty: int, source: str = "", note: str = "",
          why: str | None = None) -> StockChange:
    with ctx.db.write() as conn:
        before = goods_store.stock_of(conn, product.id)
        if before + qty < 0:
            raise Refused("stock_below_zero", name=product.name, on_hand=shown(before, product.scale))
        move = store.NewMove(new_id(), product.id, kind, qty, ctx.terminal.id, ctx.now_text(),
                             ctx.actor.operator_id, source, note, why=why)
        store.insert_moves(conn, [move])
        journal.record(conn, ctx.terminal.id, "stock_move", move.id)
        if kind == "adjust":            # a correction of the book, not goods on the shelf
            count_store.shift_book_at_count(conn, product.id, qty)
        after = {"stock": before + qty, "source": source, "note": note} | ({"why": why} if why else {})
        audit_row(conn, ctx, "stock.writeoff" if why else f"stock.{kind}", "product", product.id,
                  before={"stock": before}, after=after)
    return StockChange(product.name, product.code, before, before + qty, product.scale)


# --- lists ------------------------------------------------------------------

def low_stock(ctx: Context) -> list[LowItem]:
    """Active goods on hand at or below their reorder level (缺货提醒), emptiest first."""
    return [LowItem(r["name"], r["code"], r["unit"], r["stock"], r["reorder_level"], r["qty_scale"])
            for r in store.low_stock(ctx.db)]


def running_low(ctx: Context, product_ids: list[str]) -> list[LowItem]:
    """Which of these goods (just sold) are now at or below their reorder level."""
    if not product_ids:
        return []
    return [LowItem(r["name"], "", r["unit"], r["stock"], r["reorder_level"], r["qty_scale"])
            for r in store.low_among(ctx.db, list(product_ids))]


def moves(ctx: Context, item: str | None = None, since: str | None = None,
          kind: str | None = None, limit: int | None = None) -> list[Move]:
    """Stock movements (出入库记录), oldest first; the newest `limit` when limited."""
    product_id = products.resolve(ctx, item).id if item else None
    day = parse_day(since, ctx.clock.now().date()).isoformat() if since else None
    rows = store.moves(ctx.db, product_id=product_id, since=day, kind=kind, limit=limit)
    return [Move(r["at"], r["name"], r["code"], r["unit"], r["kind"], r["qty"], r["source"],
                 r["note"], r["why"] or "", r["operator_name"], r["delivery_number"], r["receipt"],
                 r["qty_scale"])
            for r in rows]
