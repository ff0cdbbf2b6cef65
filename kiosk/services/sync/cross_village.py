"""积分互认 at the counter: a resident of another village redeems here, online only.

The township takes the points off their home village's account (converted at its
published rate) and answers with an approval; then the sale is written here: stock moves
out, a `cross_sale` with the visitor's masked name, home village, card, both amounts and
the approval id, all journaled so it syncs. Before asking, prices and stock are read and
the exchange is written down (kiosk.services.sync.cross_pending): an answer lost on the way
is asked again with the same id, answered the same by the township, never debited twice,
and the sale recorded then. A refusal of the township writes no sale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core.cart import Cart, CartLine
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.core.quantity import goods_count
from kiosk.i18n import _
from kiosk.services.shop import receipt_printer, receipts
from kiosk.services.sync import cross_notes, cross_pending
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.store import cross_sales, township_villages
from kiosk.store import goods as goods_store
from kiosk.sync import cross
from kiosk.sync import state as sync_state
from kiosk.sync.cross import Visitor
from kiosk.sync.http import Client, township_client  # noqa: F401  (the counter's client)

ANSWER_LOST = cross_pending.ANSWER_LOST
WAITING = cross_pending.WAITING     # refusals after which the exchange waits for the township's answer
CrossSale = cross_pending.CrossSale
settle_pending, settle_after_sync, waiting = (cross_pending.settle_pending, cross_pending.settle_after_sync,
                                              cross_pending.waiting)


def look_up(ctx: Context, http: Client, village_id: str | None, card: str) -> Visitor:
    """Who the card belongs to in their village (every village numbers its cards from JF000001),
    at the township; Refused('cross_offline') when it cannot be reached."""
    require(ctx.actor, Action.SELL)
    card = (card or "").strip().upper()
    if not village_id:
        raise Refused("cross_village_needed")
    if not card:
        raise Refused("cross_no_visitor")
    return cross.look_up(ctx.db, http, village_id, card, ctx.clock.now())


@dataclass(frozen=True)
class Village:
    id: str
    name: str


def villages(ctx: Context) -> list[Village]:
    """The other villages of the township, as last learnt (at sync or when the window opened)."""
    own = sync_state.load(ctx.db).village_id
    return [Village(row["id"], row["name"]) for row in township_villages.listed(ctx.db) if row["id"] != own]


def learn_villages(ctx: Context, http: Client) -> list[Village]:
    """Ask the township for its villages again (online), then the list as `villages` gives it."""
    cross.learn_villages(ctx.db, http, ctx.clock.now())
    return villages(ctx)


def redeem(ctx: Context, http: Client, visitor: Visitor, cart: Cart,
           approval_id: str | None = None) -> CrossSale:
    """Write the exchange down, ask the township, record the sale on its yes.

    An `approval_id` still waiting for its answer is asked again as it was first written
    down (its cart, its amount), whatever the cart is now: that is what the township took.
    Refused(ANSWER_LOST) when no answer came: it stays waiting for `settle_pending`.

    Never two exchanges of one visitor open at once: while one waits (its answer lost, not the
    township's word …), asking again asks that one, whatever id or cart the counter comes with (the
    visitor picked again, the counter locked or restarted): a new one could take the points twice.
    An id recorded since (a sync settled it) is that sale, shown as sold."""
    require(ctx.actor, Action.SELL)
    if approval_id is not None:
        done = cross_pending.recorded(ctx, approval_id)
        if done is not None:
            return done
        earlier = cross_sales.pending(ctx.db, approval_id)
        if earlier is not None and earlier["outcome"] is None:
            return cross_pending.ask(ctx, http, earlier)
        if earlier is not None:      # refused or never sent: nothing was taken, a new id is safe
            approval_id = None
    waiting = cross_sales.open_for_card(ctx.db, visitor.card, visitor.home_village_id or None)
    if waiting is not None:
        return cross_pending.ask(ctx, http, waiting)
    if not cart.lines:
        raise Refused("cart_empty")
    return cross_pending.start(ctx, http, approval_id or new_id(), visitor, _priced_lines(ctx, cart))


def waiting_words(count: int) -> str:
    """For the counter's bar: exchanges asked of the township, answer not yet recorded."""
    return _("有 {count} 笔外村兑换等待乡镇确认").format(count=count) if count else ""


def settled_words(settled: cross_pending.Settled | None) -> list[str]:
    """What a reconciliation did, in lines for `kiosk sync now` (none when nothing happened)."""
    lines = [note.text for note in cross_notes.notes(settled)]
    return [*lines, waiting_words(settled.waiting)] if settled and settled.waiting else lines


def _priced_lines(ctx: Context, cart: Cart) -> list[CartLine]:
    """Today's price and stock for every line, read before the exchange is written down."""
    counts = cart.counts()
    found = goods_store.products_by_ids(ctx.db, list(counts))
    lines = []
    for product_id, qty in counts.items():
        qty, row = goods_count(qty), found.get(product_id)
        if row is None:
            raise Refused("product_unknown", query=product_id)
        if not row["active"]:
            raise Refused("product_retired", name=row["name"])
        if row["stock"] < qty:
            raise Refused("out_of_stock", name=row["name"], on_hand=row["stock"], qty=qty, unit=row["unit"])
        lines.append(CartLine(product_id, row["name"], Points(row["price"]), qty))
    return lines


def receipt(ctx: Context, sale: CrossSale, copy: bool = False) -> receipts.Receipt:
    """The printed slip: this village's points in the columns, 外村积分 with both amounts below;
    a `copy` marked 重打."""
    v = sale.visitor
    shop, footer = receipts.shop_lines(ctx)
    lines = tuple(receipts.ReceiptLine(line.name, line.qty, line.price, line.amount) for line in sale.lines)
    before = Points(v.balance_here)
    note = _("外村积分：{home_village}扣 {home_total} 分（1 分 = {rate} 分），{home_village}余额 {home_balance_after} 分").format(home_village=v.home_village, home_total=sale.home_total, rate=v.rate, home_balance_after=sale.home_balance_after)
    return receipts.Receipt("sale", ctx.village.name, shop, ctx.village.currency, sale.receipt, sale.at,
                            sale.operator, f"{v.name}（{v.card}）", _("外村·{village}").format(village=v.home_village), lines, sale.total, before, before - sale.total,
                            "\n".join(filter(None, (note, footer))), copy)


def print_slip(ctx: Context, sale: CrossSale, folder: Path | None, copy: bool = False) -> receipt_printer.PrintOutcome:
    """The PDF beside the other receipts, and the thermal printer if there is one."""
    return receipt_printer.print_slip(ctx, receipt(ctx, sale, copy), folder)
