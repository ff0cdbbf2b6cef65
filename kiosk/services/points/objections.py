"""Objections (异议) to an award or deduction on public notice, and a manager's decision.

An objection is taken only while the item is on notice; it holds the item: a claim
waiting to credit waits on, past its notice, until a manager decides. Upholding it
revokes a credited entry by a reversal, or keeps a waiting claim from ever crediting.
Dismissing it lets the item stand (a waiting claim whose notice has ended credits now).
"""

from __future__ import annotations

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import normalise_text
from kiosk.services.points import corrections, notice, notice_credit
from kiosk.services.context import Context
from kiosk.services.permissions import Act, Action, household_of_account, require, require_second_if_own
from kiosk.services.trail import audit_row
from kiosk.store import claims as claim_store
from kiosk.store import corrections as entry_store
from kiosk.store import journal
from kiosk.store import notices as store

OUTCOMES = {"uphold": "upheld", "dismiss": "dismissed"}
MAX_TEXT = 200


def object_to(ctx: Context, item_ref: str, objector: str, why: str) -> notice.NoticeItem:
    """Record who objects to an item on notice and why (volunteers and managers)."""
    require(ctx.actor, Action.FILE_CLAIM)
    objector = _text(objector, "objection_who_required")
    why = _text(why, "objection_why_required")
    item = notice.find_item(ctx, item_ref)
    if item.state == "revoked":
        raise Refused("objection_revoked", resident=item.resident, act=item.what)
    if item.state == "withheld" or item.ends <= ctx.now_text():
        raise Refused("objection_too_late", resident=item.resident, act=item.what, ended=item.ends[:16])
    objection_id = new_id()
    with ctx.db.write() as conn:
        store.insert_objection(conn, id=objection_id, entry_id=item.id if item.source == "entry" else None,
                               claim_id=item.id if item.source == "claim" else None, objector=objector,
                               why=why, recorded_by=ctx.actor.operator_id, at=ctx.now_text())
        journal.record(conn, ctx.terminal.id, "objection", objection_id)
        audit_row(conn, ctx, "notice.object", "objection", objection_id,
                  after={"item": item.id, "objector": objector, "why": why})
    return notice.find_item(ctx, item.id)


def decide(ctx: Context, item_ref: str, outcome: str, note: str = "") -> notice.NoticeItem:
    """Uphold or dismiss every open objection against an item (managers only), saying why."""
    require(ctx.actor, Action.APPROVE_CLAIM)
    if outcome not in OUTCOMES:
        raise Refused("objection_outcome_bad", value=str(outcome)[:20])
    note = normalise_text(note or "")[:MAX_TEXT]
    item = notice.find_item(ctx, item_ref)
    waiting = [o for o in notice.objections(ctx, item) if o.status == "open"]
    if not waiting:
        raise Refused("objection_none_open", resident=item.resident, act=item.what)
    if not note:
        raise Refused("objection_reason_required", resident=item.resident, act=item.what)
    require_second_if_own(ctx, [household_of_account(ctx, _account_of(ctx, item))], Act.OBJECTION)
    with ctx.db.write() as conn:
        reversal_id = _reverse(conn, ctx, item, waiting[0].why) if outcome == "uphold" else None
        for objection in waiting:
            store.decide(conn, objection.id, status=OUTCOMES[outcome], decided_by=ctx.actor.operator_id,
                         at=ctx.now_text(), note=note, reversal_id=reversal_id)
            journal.record(conn, ctx.terminal.id, "objection", objection.id)
        audit_row(conn, ctx, f"notice.{outcome}", "objection", waiting[0].id,
                  before={"item": item.id, "state": item.state},
                  after={"outcome": OUTCOMES[outcome], "note": note, "reversal": reversal_id,
                         "objections": len(waiting)})
    if outcome == "dismiss":
        notice_credit.credit_due(ctx)
    return notice.find_item(ctx, item.id)


def _account_of(ctx: Context, item: notice.NoticeItem) -> str:
    if item.source == "entry":
        return entry_store.entry(ctx.db, item.id)["account_id"]
    return claim_store.find(ctx.db, item.id)[0]["account_id"]


def _reverse(conn, ctx: Context, item: notice.NoticeItem, why: str) -> str | None:
    """Upheld against a credited entry: post its reversal (unless already revoked)."""
    if item.source != "entry" or item.is_reversal or entry_store.reversal_of(conn, item.id) is not None:
        return None
    reason = f"公示异议成立：{why}"[:60]
    reversal_id, _ = corrections.post_reversal(conn, ctx, entry_store.entry(ctx.db, item.id), reason,
                                               below_zero=True)
    return reversal_id


def _text(value: str | None, refusal: str) -> str:
    text = normalise_text(value or "")
    if not text:
        raise Refused(refusal)
    if len(text) > MAX_TEXT:
        raise Refused("objection_too_long", length=len(text), most=MAX_TEXT)
    return text
