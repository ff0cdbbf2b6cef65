"""Refunds (退货): a manager gives points and goods back, for a whole sale or some lines."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.points import Points
from kiosk.core.quantity import whole_number
from kiosk.core.receipts import normalise_receipt, parse_refund_number, refund_number
from kiosk.core.weighed import refund_amount, shown, steps
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import goods as goods_store
from kiosk.store import ledger
from kiosk.store import sales as store
from kiosk.store.ledger import NewEntry


@dataclass(frozen=True)
class RefundLine:
    line_no: int
    name: str
    qty: int                # in the product's steps
    amount: Points
    scale: int = 1

    @property
    def shown_qty(self) -> str:
        return shown(self.qty, self.scale)


@dataclass(frozen=True)
class Refund:
    id: str
    receipt: str            # the sale's receipt number
    resident: str
    lines: tuple[RefundLine, ...]
    total: Points
    balance_after: Points
    reason: str
    at: str
    number: str = ""        # the refund slip's own number: 退261122-01-0007-1


def find_sale(ctx: Context, query: str):
    """The sale a receipt number, or a refund slip's number (scanned or typed), belongs to."""
    refund = parse_refund_number(str(query))
    receipt = refund[0] if refund else normalise_receipt(str(query))
    sale = store.sale_by_receipt(ctx.db, receipt) if receipt else None
    if sale is None:
        raise Refused("receipt_unknown", query=query)
    return sale


def find_refund(ctx: Context, query: str) -> tuple[str, str]:
    """A refund slip's id and number from its number (退261122-01-0007-1 or T26112201000701)."""
    parsed = parse_refund_number(str(query))
    sale = store.sale_by_receipt(ctx.db, parsed[0]) if parsed else None
    ids = store.refund_ids_of_sale(ctx.db, sale["id"]) if sale is not None else []
    if not parsed or parsed[1] > len(ids):
        raise Refused("refund_slip_unknown", query=query)
    return ids[parsed[1] - 1], refund_number(parsed[0], parsed[1])


def slip_number(ctx: Context, sale_id: str, receipt: str, refund_id: str) -> str:
    """The refund's own number: which refund of its sale it was, in the order they were made."""
    return refund_number(receipt, store.refund_ids_of_sale(ctx.db, sale_id).index(refund_id) + 1)


@dataclass(frozen=True)
class OpenLine:
    line_no: int
    name: str
    price: Points
    qty: int
    left: int       # not yet refunded (in steps)
    scale: int = 1


def open_lines(ctx: Context, receipt_ref: str) -> tuple[str, list[OpenLine]]:
    """A sale's receipt number and its lines with what is left to give back."""
    sale = find_sale(ctx, receipt_ref)
    rows = store.lines_with_refunded(ctx.db, sale["id"])
    return sale["receipt"], [OpenLine(r["line_no"], r["name"], Points(r["price"]), r["qty"],
                                      r["qty"] - r["refunded"], r["qty_scale"]) for r in rows]


def refund(ctx: Context, receipt_ref: str, reason: str,
           lines: dict[int, int | None] | None = None) -> Refund:
    """Give back `lines` ({line_no: qty or None for all that is left}; default every line)."""
    require(ctx.actor, Action.REFUND)
    if not reason or not reason.strip():
        raise Refused("reason_required")
    reason = clean_name(reason, "reason")
    sale = find_sale(ctx, receipt_ref)
    with ctx.db.write() as conn:
        chosen = _chosen_lines(ctx, sale, lines)
        return _commit(ctx, conn, sale, chosen, reason)


def _chosen_lines(ctx: Context, sale, wanted: dict[int, int | None] | None) -> list[tuple]:
    rows = {row["line_no"]: row for row in store.lines_with_refunded(ctx.db, sale["id"])}
    if wanted is None:
        wanted = {n: None for n, row in rows.items() if row["qty"] > row["refunded"]}
        if not wanted:
            raise Refused("refund_nothing_left", receipt=sale["receipt"])
    if not wanted:
        raise Refused("refund_no_lines")
    chosen = []
    for line_no, qty in sorted(wanted.items()):
        row = rows.get(line_no)
        if row is None:
            raise Refused("refund_line_unknown", receipt=sale["receipt"], line=line_no)
        scale = row["qty_scale"]
        qty = None if qty is None else (whole_number(qty) if scale == 1 else steps(qty, scale))
        left = row["qty"] - row["refunded"]
        qty = left if qty is None else qty
        if left == 0:
            raise _refunded_in_full(ctx, sale, row)
        if qty <= 0:
            raise Refused("qty_not_positive", qty=qty)
        if qty > left:
            raise Refused("refund_too_many", line=line_no, left=shown(left, scale))
        chosen.append((row, qty))
    return chosen


def _refunded_in_full(ctx: Context, sale, row) -> Refused:
    """Names the refund that gave the line's last item back: when, and why."""
    last = store.line_refunds(ctx.db, sale["id"], row["line_no"])[-1]
    return Refused("refund_line_done", line=row["line_no"], name=row["name"], qty=row["qty"],
                   at=last["at"][:16].replace("T", " "), reason=last["reason"])


def _commit(ctx, conn, sale, chosen, reason: str) -> Refund:
    refund_id, at = new_id(), ctx.now_text()
    lines = tuple(RefundLine(row["line_no"], row["name"], qty,
                             refund_amount(Points(row["price"]), qty, row["refunded"], row["qty_scale"]),
                             row["qty_scale"])
                  for row, qty in chosen)
    total = Points(sum(line.amount.hundredths for line in lines))
    after = Points(ledger.balance(conn, sale["account_id"])) + total
    store.insert_refund(conn, id=refund_id, sale_id=sale["id"], total=total.hundredths,
                        balance_after=after.hundredths, reason=reason, operator_id=ctx.actor.operator_id,
                        terminal_id=ctx.terminal.id, at=at,
                        lines=[(line.line_no, line.qty) for line in lines])
    ledger.post(conn, NewEntry(
        id=new_id(), account_id=sale["account_id"], resident_id=sale["resident_id"],
        kind="refund", hundredths=total.hundredths, sale_id=sale["id"], refund_id=refund_id,
        reverses_id=store.sale_entry_id(ctx.db, sale["id"]), note=reason,
        operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id, at=at,
        activity_date=at[:10]))
    for row, qty in chosen:
        goods_store.move(conn, id=new_id(), product_id=row["product_id"], kind="return", qty=qty,
                         sale_id=sale["id"], refund_id=refund_id, note=reason,
                         operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id, at=at)
    audit_row(conn, ctx, "sale.refund", "sale", sale["id"],
              after={"refund": refund_id, "total": str(total), "reason": reason})
    number = slip_number(ctx, sale["id"], sale["receipt"], refund_id)
    return Refund(refund_id, sale["receipt"], sale["resident_name"], lines, total, after, reason, at,
                  number)
