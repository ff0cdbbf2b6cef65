"""A cross-village exchange the township approved, recorded here (kiosk/services/sync/cross_pending.py
asks; this writes down what its answer made): the sale with its stock moves, once, whoever records
it first; an approval of an exchange that had ended here with no sale recorded as the points taken
(no sale, an audit row and a note, the township's clerk to give them back); the notes a closing
leaves for the volunteer; a recorded sale read back."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from kiosk.core.cart import CartLine
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.services.context import Context
from kiosk.services.trail import audit_row
from kiosk.store import cross_notes as note_store
from kiosk.store import cross_sales, journal
from kiosk.store import goods as goods_store
from kiosk.store import operators as operator_store
from kiosk.sync import cross
from kiosk.sync.cross import Visitor

# The township approved an exchange that had ended here with no sale: its points taken, no sale; the clerk gives them back.
TAKEN_NOT_SOLD = "cross_taken_not_sold"


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


def note(ctx: Context, conn: sqlite3.Connection, pending: sqlite3.Row, outcome: str, code: str = "",
          params: dict | None = None) -> None:
    """What a background round closed, kept for the volunteer in the same transaction (the words:
    kiosk.services.sync.cross_notes)."""
    note_store.add(conn, new_id(), pending["id"], outcome, code,
                   {key: str(value) for key, value in (params or {}).items()}, ctx.now_text())


def record(ctx: Context, pending: sqlite3.Row, approval: cross.Approval, noted: bool = False) -> CrossSale:
    """The sale exactly as the first answer would have made it; once, whoever records it first.

    An approval of an exchange that ended here with no sale (the counter said nothing was taken)
    records none: the visitor was told so, and the goods stay. TAKEN_NOT_SOLD, with an audit row for
    the managers and a note, however it was asked: the township's clerk gives the points back. `noted`:
    a sale recorded leaves a note too (a background round asked it)."""
    with ctx.db.write() as conn:
        outcome = cross_sales.pending(conn, pending["id"])["outcome"]
        if outcome is None:
            return _record_now(ctx, conn, pending, approval, noted)
        if outcome != "sold":
            _taken_not_sold(ctx, conn, pending, approval)
    done = recorded(ctx, pending["id"])
    if done is None:
        raise Refused(TAKEN_NOT_SOLD, **_taken(pending, approval))
    return done


def _taken(pending: sqlite3.Row, approval: cross.Approval) -> dict[str, str]:
    """TAKEN_NOT_SOLD's values: the receipt, and what the township took off the visitor's home village."""
    return {"receipt": pending["receipt"], "home_village": approval.visitor.home_village,
            "home_total": str(Points(approval.home_amount))}


def _taken_not_sold(ctx: Context, conn: sqlite3.Connection, pending: sqlite3.Row, approval: cross.Approval) -> None:
    audit_row(conn, ctx, "sale.cross_taken_not_sold", "cross_pending", pending["id"],
              after={"receipt": pending["receipt"], "card": pending["card_code"],
                     "home_village": approval.visitor.home_village, "total": str(Points(pending["amount"])),
                     "home_total": str(Points(approval.home_amount)), "asked_at": pending["created_at"]})
    # noted however it was asked: said on a press only in the feedback line, the next words would cover it
    note(ctx, conn, pending, "taken", TAKEN_NOT_SOLD, _taken(pending, approval))


def _record_now(ctx: Context, conn: sqlite3.Connection, pending: sqlite3.Row, approval: cross.Approval,
                noted: bool = False) -> CrossSale:
    lines, at, visitor = lines_of(pending), pending["created_at"], approval.visitor
    total, move_ids = Points(pending["amount"]), [new_id() for _ in lines]
    cross_sales.insert(conn, id=approval.id, receipt=pending["receipt"], visitor_name=visitor.name,
                       home_village=visitor.home_village, home_currency=visitor.home_currency,
                       card_code=visitor.card, total=total.hundredths, home_total=approval.home_amount,
                       home_balance_after=approval.home_balance_after, rate=visitor.rate,
                       entry_record=approval.entry_record, operator_id=pending["operator_id"],
                       terminal_id=pending["terminal_id"], at=at, lines=lines)
    goods_store.sale_moves(conn, sale_id=approval.id, lines=lines, terminal_id=pending["terminal_id"], at=at,
                           operator_id=pending["operator_id"], ids=move_ids)
    journal.record_many(conn, ctx.terminal.id, [("cross_sale", approval.id)]
                        + [("stock_move", move_id) for move_id in move_ids])
    cross_sales.end_pending(conn, pending["id"], "sold", "", ctx.now_text())
    if noted:
        note(ctx, conn, pending, "sold")
    audit_row(conn, ctx, "sale.cross_village", "cross_sale", approval.id,
              after={"receipt": pending["receipt"], "visitor": visitor.name,
                     "home_village": visitor.home_village, "total": str(total),
                     "home_total": str(Points(approval.home_amount)), "asked_at": at})
    return recorded(ctx, approval.id, visitor)


def recorded(ctx: Context, sale_id: str, visitor: Visitor | None = None) -> CrossSale | None:
    """A recorded cross-village sale, read back (the visitor as the township described them)."""
    row = cross_sales.sale(ctx.db, sale_id)
    if row is None:
        return None
    lines = tuple(CartLine(r["product_id"], r["name"], Points(r["price"]), r["qty"])
                  for r in cross_sales.lines(ctx.db, sale_id))
    home_before = row["home_balance_after"] + row["home_total"]
    asked = cross_sales.pending(ctx.db, sale_id)        # none for a sale made at the other counter
    visitor = visitor or Visitor(row["visitor_name"], row["card_code"], row["home_village"], row["home_currency"],
                                 ctx.village.currency, row["rate"], row["home_balance_after"],
                                 int((Decimal(home_before) * Decimal(row["rate"])).to_integral_value(ROUND_DOWN)),
                                 (asked["home_village_id"] if asked else None) or "")
    operator = operator_store.name_of(ctx.db, row["operator_id"]) or ""
    return CrossSale(row["id"], row["receipt"], visitor, lines, Points(row["total"]), Points(row["home_total"]),
                     Points(row["home_balance_after"]), row["at"], operator)


def lines_of(pending: sqlite3.Row) -> list[CartLine]:
    return [CartLine(d["product_id"], d["name"], Points(d["price"]), d["qty"]) for d in json.loads(pending["lines"])]
