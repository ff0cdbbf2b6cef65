"""积分互认 made durable: never a debit at the township without a sale here.

Before the township is asked, the exchange is written down (`cross_pending`: the approval
id, card, amount, receipt number and cart lines) in its own committed transaction. Then:
- approved: the sale is recorded and the pending row ends 'sold', in one transaction;
- refused by the township: it ends 'refused' (no debit there, no sale here);
- an answer that is not the township's signed word for this request (a server in the
  middle, once the township signs; kiosk/sync/township_answer.py): nothing recorded here, and
  it stays open like a lost answer (the township may have taken the points all the same); an
  unsigned 401 (the township does not know this terminal) too, its words sending to the township;
- the counter's own books failing as it is asked or recorded (another program writing them): not
  the township's word either; it stays open, the counter keeping its id, and a round stops there,
  what it settled before still returned to be said;
- the township never reached (could not connect) on its first asking: it ends 'not_sent', unless it
  was asked again meanwhile (a background round, `kiosk sync now`): that request may reach the
  township, so it waits. Every asking but the first is kept (`cross_pending_asked`), committed
  while the exchange is open, before its request leaves; so 'not_sent' is written only when no
  request with its id can reach the township afterwards;
- the counter's own books failing before the exchange is written down (what asking needs is read
  first): nothing written, nothing sent, and the volunteer presses again;
- the answer lost (cut after sending, a bad answer, a server error, the PC killed): it
  stays open. `settle_pending` asks again with the same id and amount (the township answers
  with what it stored, never debiting twice) and records the sale as the first answer
  would have, even if stock has run short since: the goods went with the visitor;
- the id held by the township for another card or village (a middle changed the request the
  township took): it ends 'refused' (this visitor was never debited under it, nor can be), and
  the counter says to call the township's clerk, who gives the other card its points back.
- the township approving an exchange that ended here with no sale (should the township or a middle
  answer one id two ways): no sale (the counter said nothing was taken, the goods stayed); an audit
  row and a note, the township's clerk to give the points back.
An exchange a background round closes (`settle_pending`: nobody stands at the counter for its answer)
leaves a note for the volunteer (kiosk.store.cross_notes), written in the transaction that closes it,
so no crash or closed window loses it: it stays until someone acknowledges it (知道了).
Once a counter knows its township signs its answers, any answer to an exchange that is not its
signed word (a made-up 400 or 429 too, kiosk/sync/cross.py) leaves it open.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from kiosk.core.cart import CartLine
from kiosk.core.clock import Clock, SystemClock
from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.core.receipts import receipt_number
from kiosk.services.context import SYSTEM, Context
from kiosk.services.sync.cross_recording import (  # noqa: F401 (CrossSale, record, recorded: re-exported)
    TAKEN_NOT_SOLD,
    CrossSale,
    lines_of,
    note,
    record,
    recorded,
)
from kiosk.services.trail import audit_row
from kiosk.store import cross_sales, township_villages
from kiosk.store.db import Database
from kiosk.sync import cross, township_answer
from kiosk.sync.cross import Visitor
from kiosk.sync.http import Client

RECEIPT_MARK = "W"   # 外村: its own numbering beside the village's receipts
NOT_SENT = {"ConnectError", "ConnectTimeout", "PoolTimeout", "UnsupportedProtocol"}  # no byte left this PC
ANSWER_LOST = "cross_unconfirmed"
# First asked, an answer not the township's word (no signature, or not for this request): the
# township may have taken the points all the same (a genuine approval stripped in the middle), so
# the exchange stays waiting, as for a lost answer; closing it would let a new try take them twice.
UNSIGNED_WAITING = "cross_unsigned_waiting"
# … an unsigned 401 (the township does not know this terminal: removed, or its secret changed; or a middle
# saying so): the same wait, in words that send the volunteer to the township rather than alarm him.
NOT_KNOWN_WAITING = "cross_not_known_waiting"
# The counter's own books failed (busy with another program's write, or worse) while the exchange was asked:
# not the township's word either, and the township may have taken the points. It waits; a round stops on it.
BOOKS_WAITING = "cross_books_waiting"
WAITING = (ANSWER_LOST, UNSIGNED_WAITING, NOT_KNOWN_WAITING, BOOKS_WAITING)
# The counter's own books failed before a new exchange was written down: nothing written, nothing sent; press again.
BOOKS_NOT_SENT = "cross_books_not_sent"
# Asked again, it had ended meanwhile with no sale (the township's no, or never sent): nothing taken, nothing asked.
ENDED_MEANWHILE = "cross_ended_meanwhile"
# The township holds this exchange's id for another card (or village): closed, and the clerk called.
HELD_FOR_ANOTHER = "cross_held_for_another"
UNREACHED = ("cross_offline", "cross_not_enrolled")   # the township not reached: the others would not be either
# The township's own "no": it looked for this id first, found none, and took nothing.
SAID_NO = {"cross_card_unknown", "cross_same_village", "cross_inactive", "cross_no_rate", "cross_on_hold",
           "cross_short", "cross_village_needed", "cross_village_unknown", "cross_too_many"}


@dataclass(frozen=True)
class Ended:
    """An exchange the township's word closed with no sale here (or approved once it had ended), as the counter names it."""
    receipt: str
    card: str
    home_village: str          # its name as last learnt; '' when the list does not have it
    total: Points              # this village's points it was for
    code: str                  # why: the township's refusal (SAID_NO), cross_id_reused or TAKEN_NOT_SOLD
    params: tuple[tuple[str, str], ...] = ()    # the refusal's values, for its words


@dataclass(frozen=True)
class Settled:
    """What one reconciliation did: sales recorded, refusals noted, and what still waits."""
    sold: tuple[CrossSale, ...] = ()
    refused: tuple[Ended, ...] = ()
    waiting: int = 0
    held_for_another: tuple[Ended, ...] = ()   # exchanges whose id the township gave another card
    taken_not_sold: tuple[Ended, ...] = ()     # approved by the township after they had ended here


def waiting(ctx: Context) -> int:
    """Exchanges asked of the township whose answer is not recorded yet."""
    return cross_sales.open_count(ctx.db)


def write_down(ctx: Context, approval_id: str, visitor: Visitor, lines: list[CartLine]) -> sqlite3.Row:
    """The exchange as it will be asked, committed before any byte goes to the township."""
    stored = json.dumps([{"product_id": line.product_id, "name": line.name, "price": line.price.hundredths,
                          "qty": line.qty} for line in lines], ensure_ascii=False)
    total = sum((line.amount for line in lines), Points(0))
    with ctx.db.write() as conn:
        cross_sales.insert_pending(conn, id=approval_id, card_code=visitor.card, amount=total.hundredths,
                                   home_village_id=visitor.home_village_id or None,
                                   receipt=_next_receipt(ctx, conn), lines=stored,
                                   operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id,
                                   created_at=ctx.now_text())
        return cross_sales.pending(conn, approval_id)


def start(ctx: Context, http: Client, approval_id: str, visitor: Visitor, lines: list[CartLine]) -> CrossSale:
    """A new exchange: what asking needs read from these books, the exchange written down, then asked
    the first time. These books failing before it is written down: nothing written, nothing sent
    (BOOKS_NOT_SENT, press again); after, nothing reads them until its request has left."""
    try:
        reached = cross.reach(ctx.db, http, ctx.clock.now())
        pending = write_down(ctx, approval_id, visitor, lines)
    except (sqlite3.Error, Refused) as error:
        if not _books_failed(error):
            raise
        raise Refused(BOOKS_NOT_SENT) from error
    return _books_wait(pending, lambda: _ask(ctx, reached, pending, first=True))


def ask(ctx: Context, http: Client, pending: sqlite3.Row, noted: bool = False) -> CrossSale:
    """Ask the township again for this pending exchange and record what it answers.

    Refused(ANSWER_LOST) when no answer came: the row stays open for later (the refusal it stands
    for is its __cause__); so it does on an answer not the township's word, every time in that
    answer's own words (UNSIGNED_WAITING, NOT_KNOWN_WAITING) to say what to do, and on these books
    failing (BOOKS_WAITING). Only the first asking can tell "never sent"; asked again, a dead line
    says nothing of the first time. Kept as asked again before the request leaves (the first asking,
    under way meanwhile, then never calls it never sent); ended meanwhile, it is not asked.
    `noted`: closing it leaves a note for the volunteer (a background round asks it)."""
    def again() -> CrossSale:
        outcome = _asked_again(ctx, pending)
        if outcome == "sold":
            return recorded(ctx, pending["id"])
        if outcome is not None:
            raise Refused(ENDED_MEANWHILE, receipt=pending["receipt"])
        try:
            reached = cross.reach(ctx.db, http, ctx.clock.now())
        except Refused as refused:   # not enrolled now: the township not reached, it waits (a round stops)
            if _books_failed(refused):
                raise
            raise Refused(ANSWER_LOST, receipt=pending["receipt"]) from refused
        return _ask(ctx, reached, pending, first=False, noted=noted)
    return _books_wait(pending, again)


def _books_wait(pending: sqlite3.Row, asking) -> CrossSale:
    """`asking`, these books failing in it said as BOOKS_WAITING: the exchange waits, asked again later."""
    try:
        return asking()
    except (sqlite3.Error, Refused) as error:
        if not _books_failed(error):
            raise
        raise Refused(BOOKS_WAITING, receipt=pending["receipt"]) from error


def _asked_again(ctx: Context, pending: sqlite3.Row) -> str | None:
    """Kept and committed while the exchange is open, before this request leaves; how it ended if it did."""
    with ctx.db.write() as conn:
        outcome = cross_sales.pending(conn, pending["id"])["outcome"]
        if outcome is None:
            cross_sales.mark_asked_again(conn, pending["id"], ctx.now_text())
        return outcome


def _books_failed(error: Exception) -> bool:
    """SQLite's error, as it comes or as kiosk.store.db.translate words it (its cause)."""
    return isinstance(error, sqlite3.Error) or isinstance(error.__cause__, sqlite3.Error)


def _ask(ctx: Context, reached: cross.Reach, pending: sqlite3.Row, first: bool, noted: bool = False) -> CrossSale:
    lines = lines_of(pending)
    summary = {"receipt": pending["receipt"], "lines": [[line.name, line.qty, line.price.hundredths] for line in lines]}
    try:
        approval = cross.redeem(ctx.db, reached, id=pending["id"], card=pending["card_code"],
                                amount=pending["amount"], summary=summary, home_village_id=pending["home_village_id"])
    except Refused as refused:
        if _books_failed(refused):      # these books, not the township's word: never an end
            raise
        if refused.code == "cross_not_township":     # on every try, its own words: never closed on it
            waits = NOT_KNOWN_WAITING if refused.params.get("status") == cross.NOT_KNOWN else UNSIGNED_WAITING
            raise Refused(waits, receipt=pending["receipt"]) from None
        if refused.code == "cross_id_reused" and township_answer.required(ctx.db):   # signed: never this card's
            raise _held_for_another(ctx, pending, noted) from None
        if _answer_lost(refused) or not (first or refused.code in SAID_NO):
            raise Refused(ANSWER_LOST, receipt=pending["receipt"]) from refused
        return _closed(ctx, pending, refused, noted)
    return record(ctx, pending, approval, noted)


def _closed(ctx: Context, pending: sqlite3.Row, refused: Refused, noted: bool = False) -> CrossSale:
    """The township's own "no" ends the exchange. So does, on its first asking, a request that never left
    (or an answer only the first asking closes on), unless it was asked again meanwhile: that request
    may reach the township and take the points, so it waits, or is the sale that request made."""
    if refused.code in SAID_NO:
        _end(ctx, pending, "refused", refused.code, refused.params if noted else None)
        raise refused
    outcome = _end_first(ctx, pending, "not_sent" if _never_sent(refused) else "refused", refused.code)
    if outcome == "sold":
        return recorded(ctx, pending["id"])
    if outcome is None:
        raise Refused(ANSWER_LOST, receipt=pending["receipt"]) from refused
    raise refused


def _held_for_another(ctx: Context, pending: sqlite3.Row, noted: bool = False) -> Refused:
    """Ended, with an audit row for the managers (and a note, when a background round closes it)."""
    with ctx.db.write() as conn:
        if cross_sales.pending(conn, pending["id"])["outcome"] is None:
            cross_sales.end_pending(conn, pending["id"], "refused", "cross_id_reused", ctx.now_text())
            if noted:
                note(ctx, conn, pending, "held", "cross_id_reused")
            audit_row(conn, ctx, "sale.cross_held_for_another", "cross_pending", pending["id"],
                      after={"receipt": pending["receipt"], "card": pending["card_code"],
                             "total": str(Points(pending["amount"])), "asked_at": pending["created_at"]})
    return Refused(HELD_FOR_ANOTHER, receipt=pending["receipt"])


def _end(ctx: Context, pending: sqlite3.Row, outcome: str, code: str, noted: dict | None = None) -> None:
    """`noted`: the refusal's values, for a note (a background round closes it); None: no note."""
    with ctx.db.write() as conn:
        if cross_sales.pending(conn, pending["id"])["outcome"] is None:
            cross_sales.end_pending(conn, pending["id"], outcome, code, ctx.now_text())
            if noted is not None:
                note(ctx, conn, pending, "refused", code, noted)


def _end_first(ctx: Context, pending: sqlite3.Row, outcome: str, code: str) -> str | None:
    """Ended as its first asking found it, only while nobody asked it again; how it stands now."""
    with ctx.db.write() as conn:
        now = cross_sales.pending(conn, pending["id"])["outcome"]
        if now is not None or cross_sales.asked_again(conn, pending["id"]):
            return now
        cross_sales.end_pending(conn, pending["id"], outcome, code, ctx.now_text())
        return outcome


def settle_pending(ctx: Context, http: Client) -> Settled:
    """Every open pending exchange asked again, oldest first, each on its own: one the township's
    word does not settle now (a server error, an answer not signed, a 401) stays waiting and the next
    is asked. A township not reached stops the round (the others would wait their time-out too), and
    so do these books failing: what the round settled before stands and is returned, to be said."""
    asked = cross_sales.open_pending(ctx.db)
    sold, refused, held, taken = [], [], [], []
    for pending in asked:
        try:   # the village read before asking: once the township's word closes the exchange, its note is owed
            village = _village_name(ctx, pending)
        except sqlite3.Error:
            break
        try:
            sold.append(ask(ctx, http, pending, noted=True))
        except Refused as error:
            if error.code == BOOKS_WAITING or _unreached(error):
                break
            if error.code == HELD_FOR_ANOTHER:
                held.append(_ended(pending, village, "cross_id_reused"))
            elif error.code == TAKEN_NOT_SOLD:
                taken.append(_ended(pending, village, error.code, error.params))
            elif error.code not in (*WAITING, ENDED_MEANWHILE):
                refused.append(_ended(pending, village, error.code, error.params))
    closed = len(sold) + len(refused) + len(held) + len(taken)
    return Settled(tuple(sold), tuple(refused), _still_waiting(ctx, len(asked) - closed), tuple(held), tuple(taken))


def _village_name(ctx: Context, pending: sqlite3.Row) -> str:
    village = township_villages.name_of(ctx.db, pending["home_village_id"]) if pending["home_village_id"] else None
    return village or ""


def _ended(pending: sqlite3.Row, village: str, code: str, params: dict | None = None) -> Ended:
    return Ended(pending["receipt"], pending["card_code"], village, Points(pending["amount"]), code,
                 tuple((key, str(value)) for key, value in (params or {}).items()))


def _still_waiting(ctx: Context, left_of_the_round: int) -> int:
    """Counted again (the counter may have asked more meanwhile); the round's own count when the books say no."""
    try:
        return waiting(ctx)
    except sqlite3.Error:
        return left_of_the_round


def _unreached(error: Refused) -> bool:
    cause = error.__cause__
    return isinstance(cause, Refused) and cause.code in UNREACHED


def settle_after_sync(db: Database, http: Client, clock: Clock | None = None) -> Settled | None:
    """The reconciler as the sync job and `kiosk sync now` run it (learning the township's
    villages first): never raises into them."""
    ctx = Context(db, SYSTEM, clock or SystemClock())
    try:     # the villages a visitor may come from, for the 外村村民 list
        cross.learn_villages(db, http, ctx.clock.now())
    except (Refused, sqlite3.Error):
        pass
    try:
        return settle_pending(ctx, http)
    except (Refused, sqlite3.Error):   # not set up, the books busy: the next round tries again
        return None


def _never_sent(refused: Refused) -> bool:
    return refused.code == "cross_not_enrolled" or (
        refused.code == "cross_offline" and refused.params.get("how") in NOT_SENT)


def _answer_lost(refused: Refused) -> bool:
    """The township may have taken the points: the request left, no answer we can trust came."""
    if refused.code == "cross_offline":
        return not _never_sent(refused)
    if refused.code == "cross_refused":   # a server error (5xx) may come after its commit
        return str(refused.params.get("status", "")).startswith("5")
    return refused.code == "cross_bad_answer"


def _next_receipt(ctx: Context, conn: sqlite3.Connection) -> str:
    today = ctx.clock.now().date()
    prefix = RECEIPT_MARK + receipt_number(today, ctx.terminal.number, 0)[:-4]
    last = cross_sales.last_receipt_reserved(conn, prefix)
    nth = int(last[-4:]) + 1 if last else 1
    return RECEIPT_MARK + receipt_number(today, ctx.terminal.number, nth)
