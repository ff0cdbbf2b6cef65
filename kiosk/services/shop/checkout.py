"""Redeem (兑换): one atomic transaction for entries, stock, the sale and its receipt.

Nothing prints before the transaction commits; a crash anywhere leaves the whole
sale or nothing. The balance and stock are re-read inside the write lock, so a
counter never sells past what it knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.core.cart import Cart, CartLine
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.core.quantity import MAX_GOODS_COUNT, goods_count
from kiosk.core.weighed import shown, steps
from kiosk.core.receipts import receipt_number
from kiosk.services.people import residents
from kiosk.services.shop import limits, products
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import goods as goods_store
from kiosk.store import journal
from kiosk.store import ledger
from kiosk.store import people as people_store
from kiosk.store import sales as sales_store
from kiosk.store.ledger import NewEntry

_ITEM = re.compile(r"^(.+?)(?:[xX×*](\S+))?$")


@dataclass(frozen=True)
class Sale:
    id: str
    receipt: str
    resident: residents.Resident
    lines: tuple[CartLine, ...]
    total: Points
    balance_before: Points
    balance_after: Points
    at: str
    operator: str


def parse_items(ctx: Context, items: list[str]) -> Cart:
    """['6901234567892', '6901234567892x2', '大米x1'] → a cart."""
    cart = Cart()
    for item in items:
        match = _ITEM.match(str(item).strip())
        if not match:
            raise Refused("item_bad", item=item)
        code, qty = match.groups()
        product = products.resolve(ctx, code)
        cart.add(product.id, product.name, product.price, steps(qty or 1, product.scale),
                 product.scale)
    return cart


def redeem_items(ctx: Context, resident_ref: str, items: list[str]) -> Sale:
    return redeem(ctx, resident_ref, parse_items(ctx, items))


def redeem(ctx: Context, resident_ref: str | residents.Resident, cart: Cart) -> Sale:
    require(ctx.actor, Action.SELL)
    resident = resident_ref if isinstance(resident_ref, residents.Resident) \
        else residents.resolve(ctx, resident_ref)
    if not cart.lines:
        raise Refused("cart_empty")
    if resident.status != residents.ACTIVE:
        raise Refused("resident_inactive", name=resident.name, status=resident.status)
    with ctx.db.write() as conn:
        account = people_store.account_of(ctx.db, ctx.village.policy.account_mode.value,
                                                    resident.id, resident.household_id)
        if account["hold_reason"]:
            raise Refused("account_on_hold", name=resident.name, reason=account["hold_reason"])
        lines = _priced_lines(ctx, cart)
        limits.refuse_over(ctx, resident.household_id, cart.counts())
        total = Cart(lines).total()
        before = Points(account["balance"])
        if total > before:
            raise Refused("insufficient_points", balance=str(before), total=str(total),
                          shortfall=str(total - before))
        return _commit(ctx, conn, resident, account["id"], lines, total, before)


def _priced_lines(ctx: Context, cart: Cart) -> list[CartLine]:
    """Today's price and stock for every line, read inside the transaction."""
    lines = []
    counts = cart.counts()
    found = goods_store.products_by_ids(ctx.db, list(counts))
    for product_id, qty in counts.items():
        row = found.get(product_id)
        if row is None:
            raise Refused("product_unknown", query=product_id)
        scale = row["qty_scale"]
        qty = goods_count(qty) if scale == 1 else _in_range(qty, scale)
        if not row["active"]:
            raise Refused("product_retired", name=row["name"])
        if row["stock"] < qty:
            raise Refused("out_of_stock", name=row["name"], on_hand=shown(row["stock"], scale),
                          qty=shown(qty, scale), unit=row["unit"])
        lines.append(CartLine(product_id, row["name"], Points(row["price"]), qty, scale))
    return lines


def _in_range(qty: int, scale: int) -> int:
    if not 0 < qty <= MAX_GOODS_COUNT * scale:
        raise Refused("qty_absurd", qty=shown(qty, scale), most=MAX_GOODS_COUNT)
    return qty


def _commit(ctx, conn, resident, account_id, lines, total: Points, before: Points) -> Sale:
    sale_id, at = new_id(), ctx.now_text()
    receipt = _next_receipt(ctx, conn)
    after = before - total
    entry_id, move_ids = new_id(), [new_id() for _ in lines]
    sales_store.insert_sale(conn, id=sale_id, receipt=receipt, resident_id=resident.id,
                            account_id=account_id, total=total.hundredths,
                            balance_before=before.hundredths, balance_after=after.hundredths,
                            operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id,
                            at=at, lines=lines, journaled=False)
    ledger.post(conn, NewEntry(
        id=entry_id, account_id=account_id, resident_id=resident.id, kind="redeem",
        hundredths=-total.hundredths, sale_id=sale_id, note=receipt,
        operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id, at=at,
        activity_date=at[:10]), journaled=False)
    goods_store.sale_moves(conn, sale_id=sale_id, lines=lines, terminal_id=ctx.terminal.id, at=at,
                           operator_id=ctx.actor.operator_id, ids=move_ids)
    journal.record_many(conn, ctx.terminal.id, [("sale", sale_id), ("entry", entry_id)]
                        + [("stock_move", move_id) for move_id in move_ids])
    audit_row(conn, ctx, "sale.redeem", "sale", sale_id, before={"balance": str(before)},
              after={"receipt": receipt, "total": str(total), "balance": str(after)})
    return Sale(sale_id, receipt, resident, tuple(lines), total, before, after, at, ctx.actor.name)


def _next_receipt(ctx: Context, conn) -> str:
    today = ctx.clock.now().date()
    prefix = receipt_number(today, ctx.terminal.number, 0)[:-4]
    last = sales_store.last_receipt_of_day(conn, prefix)
    nth = int(last[-4:]) + 1 if last else 1
    return receipt_number(today, ctx.terminal.number, nth)
