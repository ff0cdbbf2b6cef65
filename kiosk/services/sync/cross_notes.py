"""What a later reconciliation of 积分互认 tells the counter (kiosk.services.sync.cross_pending.settle_pending).

The volunteer told a visitor "we'll know later"; when the sync asks the township again and it
answers, each exchange it closed becomes one note: the sale recorded (its slip can be printed
now), the township's "no" (nothing taken, no goods), the id held for another card (call the
township's clerk), or the township's yes to an exchange already ended here (no sale: the clerk
gives the points back). Named by receipt number, the visitor's name when the township gave it, else
their village and card: never an id. What still waits stays on the counter's waiting line.

A background round keeps each note in the books as it closes the exchange (kiosk.store.cross_notes):
`kept` reads back the ones nobody acknowledged, for the counter window at start and after every
round, whoever ran it (its own sync job, `kiosk sync now` in another program); `acknowledge` records
who tapped 知道了, and when, with an audit row.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.i18n import _
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.sync.cross_pending import HELD_FOR_ANOTHER, TAKEN_NOT_SOLD, CrossSale, Ended, Settled, recorded
from kiosk.services.trail import audit_row
from kiosk.store import cross_notes as note_store
from kiosk.store import township_villages

SOLD, REFUSED, HELD, TAKEN = "sold", "refused", "held", "taken"


@dataclass(frozen=True)
class Note:
    outcome: str                   # SOLD, REFUSED, HELD or TAKEN: how the exchange ended
    text: str
    sale: CrossSale | None = None  # the sale recorded, whose slip can be printed from the note
    key: str = ""                  # the note's id in the books (never shown); "" when not kept


def notes(settled: Settled | None) -> tuple[Note, ...]:
    """One note for each exchange the round closed, oldest first within each kind; none when nothing did."""
    if settled is None:
        return ()
    return (*(Note(SOLD, sold_words(sale), sale) for sale in settled.sold),
            *(Note(REFUSED, refused_words(ended)) for ended in settled.refused),
            *(Note(HELD, held_words(ended)) for ended in settled.held_for_another),
            *(Note(TAKEN, taken_words(ended)) for ended in settled.taken_not_sold))


def sold_words(sale: CrossSale) -> str:
    return _("外村兑换乡镇已确认：小票 {receipt}，{name}（{home_village}），{total} 分，已记账。"
             "没给他的商品现在可以给了。").format(receipt=sale.receipt, name=sale.visitor.name,
                                        home_village=sale.visitor.home_village, total=sale.total)


def refused_words(ended: Ended) -> str:
    why = Refused(ended.code, **dict(ended.params)).message()
    return _("外村兑换没有成功：小票 {receipt}（{who}，{total} 分），乡镇没有同意。他的分没有扣，这笔也没有记账，"
             "商品不要给。乡镇说：{why}").format(receipt=ended.receipt, who=who(ended), total=ended.total, why=why)


def held_words(ended: Ended) -> str:
    return _("{who}：").format(who=who(ended)) + Refused(HELD_FOR_ANOTHER, receipt=ended.receipt).message()


def taken_words(ended: Ended) -> str:
    return _("{who}：").format(who=who(ended)) + Refused(TAKEN_NOT_SOLD, **dict(ended.params)).message()


def who(ended: Ended) -> str:
    """The visitor as the counter knows a closed exchange: their village and card (their name came
    only with an approval)."""
    if ended.home_village:
        return _("{home_village}，卡号 {card}").format(home_village=ended.home_village, card=ended.card)
    return _("卡号 {card}").format(card=ended.card)


def kept(ctx: Context) -> tuple[Note, ...]:
    """The notes kept in the books that nobody acknowledged yet, oldest first."""
    return tuple(note for row in note_store.unseen(ctx.db) if (note := _kept_note(ctx, row)) is not None)


def _kept_note(ctx: Context, row: sqlite3.Row) -> Note | None:
    if row["outcome"] == SOLD:
        sale = recorded(ctx, row["pending_id"])      # written with its note: None only if the books were hand-edited
        return Note(SOLD, sold_words(sale), sale, row["id"]) if sale is not None else None
    village = township_villages.name_of(ctx.db, row["home_village_id"]) if row["home_village_id"] else None
    ended = Ended(row["receipt"], row["card_code"], village or "", Points(row["amount"]), row["code"],
                  tuple(json.loads(row["params"]).items()))
    words = {REFUSED: refused_words, HELD: held_words, TAKEN: taken_words}[row["outcome"]]
    return Note(row["outcome"], words(ended), key=row["id"])


def acknowledge(ctx: Context, key: str) -> None:
    """Someone at the counter tapped 知道了: who and when, kept with the note, and an audit row.
    Acknowledged already (another window, a moment before), or no such note: nothing is written."""
    require(ctx.actor, Action.SELL)
    if ctx.actor.operator_id is None:          # a person reads a note: never the system
        raise Refused("not_allowed", who=ctx.actor.name, role=ctx.actor.role.value, action=Action.SELL.value)
    with ctx.db.write() as conn:
        if note_store.mark_seen(conn, key, ctx.actor.operator_id, ctx.now_text()):
            audit_row(conn, ctx, "sale.cross_note_seen", "cross_note", key,
                      after={"receipt": note_store.note(conn, key)["receipt"]})
