"""Points coming in and going out by rule: awards, deductions, claims, adjustments.

A manager's award posts at once. A volunteer's becomes a claim (申报) for a
manager to review, unless the village has switched review off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.periods import period_bounds
from kiosk.core.points import BadPoints, Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import cap_room, points_for
from kiosk.services import residents, rules
from kiosk.services.context import Context
from kiosk.services.dates import parse_day
from kiosk.services.permissions import Action, may, require
from kiosk.services.trail import audit_row
from kiosk.store import claims as claim_store
from kiosk.store import ledger
from kiosk.store.ledger import NewEntry
from kiosk.store.rules import to_rule

MAX_ADJUST = Points(100_00)  # ad-hoc entries are bounded (luoyu allows ±100)


@dataclass(frozen=True)
class Award:
    resident: residents.Resident
    rule: str
    qty: Measure
    points: Points
    status: str          # "posted" or "pending"
    id: str              # the entry id, or the claim id while pending
    balance_after: Points | None


def award(ctx: Context, resident_ref: str, rule_ref: str, qty: object = 1,
          note: str = "", day: object = None) -> Award:
    """Record an act under a rule: post it, or file it as a claim for review."""
    if not may(ctx.actor, Action.AWARD):
        require(ctx.actor, Action.FILE_CLAIM)
    resident = residents.resolve(ctx, resident_ref)
    _require_active(resident)
    row = rules.resolve_row(ctx, rule_ref)
    rule = to_rule(row)
    if not rule.active:
        raise Refused("rule_retired", rule=rule.name)
    posts_now = _posts_without_review(ctx, rule)
    activity = parse_day(day, ctx.clock.now().date())
    measure = Measure.parse(qty)
    repeated = _repeated(ctx, resident, row["id"], rule, activity)
    amount = points_for(rule, measure, repeated)
    _check_cap(ctx, resident, row["id"], rule, amount, activity)
    note = clean_name(note, "note") if note and note.strip() else ""
    account_id = residents.account_id_for(ctx, resident)
    if posts_now:
        return _post(ctx, resident, account_id, row["id"], rule, measure, amount, note, activity)
    return _file_claim(ctx, resident, account_id, row["id"], rule, measure, amount, note, activity)


def _posts_without_review(ctx: Context, rule) -> bool:
    """Managers post at once; so does anyone when neither village nor rule asks for review."""
    if may(ctx.actor, Action.AWARD):
        return True
    return not (ctx.village.policy.claim_review and rule.needs_review)


def _require_active(resident: residents.Resident) -> None:
    if resident.status != residents.ACTIVE:
        raise Refused("resident_inactive", name=resident.name, status=resident.status)


def _repeated(ctx, resident, rule_id, rule, activity) -> bool:
    if not (rule.is_deduction and rule.doubles_within_days):
        return False
    since = (activity - timedelta(days=rule.doubles_within_days)).isoformat()
    return ledger.count_under_rule_since(ctx.db, resident.id, rule_id, since) > 0


def _check_cap(ctx, resident, rule_id, rule, amount: Points, activity) -> None:
    if rule.cap is None or amount.is_negative():
        return
    start, end = (d.isoformat() for d in period_bounds(rule.cap_period, activity))
    earned = ledger.earned_under_rule(ctx.db, resident.id, rule_id, start, end)
    earned += ledger.pending_under_rule(ctx.db, resident.id, rule_id, start, end)
    room = cap_room(rule, Points(earned))
    if amount > room:
        raise Refused("cap_reached", name=resident.name, rule=rule.name, earned=str(Points(earned)),
                      cap=str(rule.cap), room=str(room), period=rule.cap_period.value)


def _post(ctx, resident, account_id, rule_id, rule, measure, amount, note, activity) -> Award:
    entry_id = new_id()
    with ctx.db.write() as conn:
        ledger.post(conn, NewEntry(
            id=entry_id, account_id=account_id, resident_id=resident.id,
            kind="deduct" if amount.is_negative() else "award", hundredths=amount.hundredths,
            rule_id=rule_id, qty=measure.hundredths, note=note, operator_id=ctx.actor.operator_id,
            terminal_id=ctx.terminal.id, at=ctx.now_text(), activity_date=activity.isoformat()))
        after = ledger.balance(conn, account_id)
        audit_row(conn, ctx, "points.award", "entry", entry_id,
                  after={"resident": resident.name, "rule": rule.code, "qty": str(measure),
                         "points": str(amount), "balance": str(Points(after))})
    return Award(resident, rule.name, measure, amount, "posted", entry_id, Points(after))


def _file_claim(ctx, resident, account_id, rule_id, rule, measure, amount, note, activity) -> Award:
    claim_id = new_id()
    with ctx.db.write() as conn:
        claim_store.insert(conn, id=claim_id, resident_id=resident.id, account_id=account_id,
                           rule_id=rule_id, qty=measure.hundredths, points=amount.hundredths,
                           note=note, activity_date=activity.isoformat(),
                           filed_by=ctx.actor.operator_id, filed_at=ctx.now_text(),
                           terminal_id=ctx.terminal.id)
        audit_row(conn, ctx, "claim.file", "claim", claim_id,
                  after={"resident": resident.name, "rule": rule.code, "points": str(amount)})
    return Award(resident, rule.name, measure, amount, "pending", claim_id, None)


def adjust(ctx: Context, resident_ref: str, amount: object, reason: str,
           reverses: str | None = None) -> Award:
    """A manager's correction, with a reason; bounded to ±100 points."""
    require(ctx.actor, Action.ADJUST_POINTS)
    resident = residents.resolve(ctx, resident_ref)
    try:
        points = Points.parse(str(amount))
    except BadPoints:
        raise Refused("points_bad", value=amount) from None
    if not points:
        raise Refused("adjust_zero")
    if abs(points.hundredths) > MAX_ADJUST.hundredths:
        raise Refused("adjust_absurd", most=str(MAX_ADJUST))
    if not reason or not reason.strip():
        raise Refused("reason_required")
    reason = clean_name(reason, "reason")
    account_id = residents.account_id_for(ctx, resident)
    if reverses is not None:
        reversed_entry = ledger.entry(ctx.db, str(reverses))
        if reversed_entry is None or reversed_entry["account_id"] != account_id:
            raise Refused("entry_unknown", entry=str(reverses)[:40])
    entry_id = new_id()
    with ctx.db.write() as conn:
        before = ledger.balance(conn, account_id)
        if points.is_negative() and before + points.hundredths < 0:
            raise Refused("adjust_overdraw", balance=str(Points(before)))
        ledger.post(conn, NewEntry(
            id=entry_id, account_id=account_id, resident_id=resident.id, kind="adjust",
            hundredths=points.hundredths, reverses_id=reverses, note=reason,
            operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id, at=ctx.now_text(),
            activity_date=ctx.clock.now().date().isoformat()))
        audit_row(conn, ctx, "points.adjust", "entry", entry_id, before={"balance": str(Points(before))},
                  after={"balance": str(Points(before) + points), "reason": reason})
    return Award(resident, reason, Measure(100), points, "posted", entry_id, Points(before) + points)
