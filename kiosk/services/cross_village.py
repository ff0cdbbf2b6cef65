"""积分互认 at the counter: a resident of another village redeems here, online only.

The township takes the points off their home village's account (converted at its
published rate) and answers with an approval; only then is the sale written here, in
the same transaction that re-read prices and stock: stock moves out, a `cross_sale`
with the visitor's masked name, home village, card, both amounts and the approval id,
all journaled so it syncs. A refusal of the township, or no township at all, writes
nothing. The approval id is made before asking: asking again with it (after a cut
connection) is answered the same by the township and never debits twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx

from kiosk.core.cart import Cart, CartLine
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.core.quantity import goods_count
from kiosk.core.receipts import receipt_number
from kiosk.i18n import current_lang, message, tr
from kiosk.printing import PrintingError
from kiosk.printing.escpos_out import print_receipt
from kiosk.printing.receipt_pdf import save_pdf
from kiosk.services import receipt_printer, receipts
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import cross_sales, journal
from kiosk.store import goods as goods_store
from kiosk.sync import cross
from kiosk.sync.cross import Visitor

RECEIPT_MARK = "W"   # 外村: its own numbering beside the village's receipts


@dataclass(frozen=True)
class CrossSale:
    id: str
    receipt: str
    visitor: Visitor
    lines: tuple[CartLine, ...]
    total: Points              # this village's points
    home_total: Points         # taken off the home village's account
    home_balance_after: Points
    at: str
    operator: str


def look_up(ctx: Context, http: httpx.Client, card: str) -> Visitor:
    """Who the card belongs to, at the township; Refused('cross_offline') when it cannot be reached."""
    require(ctx.actor, Action.SELL)
    card = (card or "").strip().upper()
    if not card:
        raise Refused("cross_no_visitor")
    return cross.look_up(ctx.db, http, card, ctx.clock.now())


def redeem(ctx: Context, http: httpx.Client, visitor: Visitor, cart: Cart,
           approval_id: str | None = None) -> CrossSale:
    require(ctx.actor, Action.SELL)
    if not cart.lines:
        raise Refused("cart_empty")
    approval_id = approval_id or new_id()
    done = cross_sales.sale(ctx.db, approval_id)
    if done is not None:
        raise Refused("cross_already_recorded", receipt=done["receipt"])
    with ctx.db.write() as conn:
        lines = _priced_lines(ctx, cart)
        total = Cart(lines).total()
        receipt = _next_receipt(ctx, conn)
        summary = {"receipt": receipt, "lines": [[line.name, line.qty, line.price.hundredths] for line in lines]}
        approval = cross.redeem(ctx.db, http, ctx.clock.now(), id=approval_id, card=visitor.card,
                                amount=total.hundredths, summary=summary)
        return _commit(ctx, conn, approval, receipt, lines, total)


def _priced_lines(ctx: Context, cart: Cart) -> list[CartLine]:
    """Today's price and stock for every line, read inside the transaction (as checkout does)."""
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


def _commit(ctx: Context, conn, approval: cross.Approval, receipt: str, lines: list[CartLine],
            total: Points) -> CrossSale:
    at, visitor = ctx.now_text(), approval.visitor
    move_ids = [new_id() for _ in lines]
    cross_sales.insert(conn, id=approval.id, receipt=receipt, visitor_name=visitor.name,
                       home_village=visitor.home_village, home_currency=visitor.home_currency,
                       card_code=visitor.card, total=total.hundredths, home_total=approval.home_amount,
                       home_balance_after=approval.home_balance_after, rate=visitor.rate,
                       entry_record=approval.entry_record, operator_id=ctx.actor.operator_id,
                       terminal_id=ctx.terminal.id, at=at, lines=lines)
    goods_store.sale_moves(conn, sale_id=approval.id, lines=lines, terminal_id=ctx.terminal.id, at=at,
                           operator_id=ctx.actor.operator_id, ids=move_ids)
    journal.record_many(conn, ctx.terminal.id, [("cross_sale", approval.id)]
                        + [("stock_move", move_id) for move_id in move_ids])
    audit_row(conn, ctx, "sale.cross_village", "cross_sale", approval.id,
              after={"receipt": receipt, "visitor": visitor.name, "home_village": visitor.home_village,
                     "total": str(total), "home_total": str(Points(approval.home_amount))})
    return CrossSale(approval.id, receipt, visitor, tuple(lines), total, Points(approval.home_amount),
                     Points(approval.home_balance_after), at, ctx.actor.name)


def _next_receipt(ctx: Context, conn) -> str:
    today = ctx.clock.now().date()
    prefix = RECEIPT_MARK + receipt_number(today, ctx.terminal.number, 0)[:-4]
    last = cross_sales.last_receipt_of_day(conn, prefix)
    nth = int(last[-4:]) + 1 if last else 1
    return RECEIPT_MARK + receipt_number(today, ctx.terminal.number, nth)


def receipt(ctx: Context, sale: CrossSale) -> receipts.Receipt:
    """The printed slip: this village's points in the columns, 外村积分 with both amounts below."""
    v = sale.visitor
    shop, footer = receipts.shop_lines(ctx)
    lines = tuple(receipts.ReceiptLine(line.name, line.qty, line.price, line.amount) for line in sale.lines)
    before = Points(v.balance_here)
    note = tr(f"外村积分：{v.home_village}扣 {sale.home_total} 分（1 分 = {v.rate} 分），"
              f"{v.home_village}余额 {sale.home_balance_after} 分",
              f"Other village's points: {sale.home_total} taken in {v.home_village} (1 = {v.rate}), "
              f"{sale.home_balance_after} left there")
    return receipts.Receipt("sale", ctx.village.name, shop, ctx.village.currency, sale.receipt, sale.at,
                            sale.operator, f"{v.name}（{v.card}）", tr(f"外村·{v.home_village}", v.home_village), lines, sale.total, before, before - sale.total,
                            "\n".join(filter(None, (note, footer))))


def print_slip(ctx: Context, sale: CrossSale, folder: Path | None) -> receipt_printer.PrintOutcome:
    """The PDF beside the other receipts, and the thermal printer if there is one."""
    slip, profile, lang = receipt(ctx, sale), receipt_printer.printer_profile(ctx), current_lang()
    pdf, problems = None, []
    if folder is not None:
        try:
            pdf = save_pdf(slip, folder, profile.paper, lang)
        except (OSError, PrintingError) as exc:
            problems.append(message("print_pdf_failed", detail=str(exc)))
    printed = False
    if profile.kind not in ("none", "system"):
        try:
            print_receipt(slip, profile, lang)
            printed = True
        except PrintingError as exc:
            problems.append(exc.message(lang))
    return receipt_printer.PrintOutcome(slip, pdf, printed, "；".join(problems))
