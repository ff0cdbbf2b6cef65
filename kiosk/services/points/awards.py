"""Points coming in and going out by rule: awards, deductions, claims, adjustments.

A manager's award posts at once. A volunteer's becomes a claim (申报) for a
manager to review, unless the village or the rule has switched review off.
The pieces (plan a line, check its cap, post or file it) serve one resident here
and a whole activity in kiosk.services.points.activity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.periods import period_bounds
from kiosk.core.points import BadPoints, Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, cap_room, points_for
from kiosk.config import CREDIT_AFTER_NOTICE
from kiosk.services.people import residents
from kiosk.services.points import bounds, rules
from kiosk.services.setup import settings
from kiosk.services.context import Context, Role
from kiosk.services.dates import parse_day
from kiosk.services.permissions import Act, Action, may, require, require_second_if_own
from kiosk.services.trail import audit_row
from kiosk.store import claims as claim_store
from kiosk.store import corrections as correction_store
from kiosk.store import ledger
from kiosk.store.ledger import NewEntry
from kiosk.store.rules import to_rule, version_fields

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


@dataclass(frozen=True)
class Line:
    """One resident's share of an act, checked and ready to post or file."""
    resident: residents.Resident
    account_id: str
    qty: Measure
    points: Points


def award(ctx: Context, resident_ref: str, rule_ref: str, qty: object = 1,
          note: str = "", day: object = None) -> Award:
    """Record an act under a rule: post it, or file it as a claim for review."""
    require_recorder(ctx)
    resident = residents.resolve(ctx, resident_ref)
    require_active(resident)
    rule_id, rule = active_rule(ctx, rule_ref)
    activity = parse_day(day, ctx.clock.now().date())
    bounds.check_day(ctx, activity)
    line = plan(ctx, resident, rule_id, rule, Measure.parse(qty), activity)
    over = over_cap(ctx, line, rule_id, rule, activity)
    if over is not None:
        earned, room = over
        raise Refused("cap_reached", name=resident.name, rule=rule.name, earned=str(earned),
                      cap=str(rule.cap), room=str(room), period=rule.cap_period.value)
    note = clean_note(note)
    require_second_for_posting(ctx, rule, [resident.household_id])
    with ctx.db.write() as conn:
        return record(conn, ctx, rule_id, rule, line, note, activity)


def require_second_for_posting(ctx: Context, rule: Rule, household_ids) -> None:
    """Points that post at once to the operator's own household need a second manager (回避)."""
    if posts_without_review(ctx, rule):
        require_second_if_own(ctx, household_ids, Act.AWARD)


def require_recorder(ctx: Context) -> None:
    if not may(ctx.actor, Action.AWARD):
        require(ctx.actor, Action.FILE_CLAIM)


def require_active(resident: residents.Resident) -> None:
    if resident.status != residents.ACTIVE:
        raise Refused("resident_inactive", name=resident.name, status=resident.status)


def active_rule(ctx: Context, rule_ref: str) -> tuple[str, Rule]:
    row = rules.resolve_row(ctx, rule_ref)
    rule = to_rule(row)
    if not rule.active:
        raise Refused("rule_retired", rule=rule.name)
    return row["id"], rule


def clean_note(note: str | None) -> str:
    return clean_name(note, "note") if note and note.strip() else ""


def posts_without_review(ctx: Context, rule: Rule) -> bool:
    """Managers post at once; so does anyone when neither village nor rule asks for review.

    With review meaning review (claims.credit_after_notice: 审核通过的积分等公示期满后才入账)
    every award, a manager's too, is a claim another manager approves before its notice."""
    if ctx.actor.role is not Role.SYSTEM and settings.value(ctx, CREDIT_AFTER_NOTICE):
        return False
    if may(ctx.actor, Action.AWARD):
        return True
    return not (ctx.village.policy.claim_review and rule.needs_review)


def plan(ctx: Context, resident, rule_id: str, rule: Rule, qty: Measure, activity: date) -> Line:
    """The points this act earns (a repeated deduction doubled), for the resident's account."""
    amount = points_for(rule, qty, _repeated(ctx, resident, rule_id, rule, activity))
    bounds.check_award(ctx, rule, amount)
    return Line(resident, residents.account_id_for(ctx, resident), qty, amount)


def _repeated(ctx, resident, rule_id, rule, activity) -> bool:
    if not (rule.is_deduction and rule.doubles_within_days):
        return False
    since = (activity - timedelta(days=rule.doubles_within_days)).isoformat()
    return correction_store.offences_since(ctx.db, resident.id, rule_id, since) > 0


def over_cap(ctx: Context, line: Line, rule_id: str, rule: Rule,
             activity: date) -> tuple[Points, Points] | None:
    """(earned so far, room left) when the line would break the rule's cap; None when it fits.

    Posted entries, claims waiting for review and approved claims waiting for their
    public notice to end all count toward the cap."""
    if rule.cap is None or line.points.is_negative():
        return None
    start, end = (d.isoformat() for d in period_bounds(rule.cap_period, activity))
    who = line.resident.id
    earned = Points(ledger.earned_under_rule(ctx.db, who, rule_id, start, end)
                    + ledger.pending_under_rule(ctx.db, who, rule_id, start, end)
                    + claim_store.waiting_under_rule(ctx.db, who, rule_id, start, end))
    room = cap_room(rule, earned)
    return (earned, room) if line.points > room else None


def record(conn, ctx: Context, rule_id: str, rule: Rule, line: Line, note: str,
           activity: date) -> Award:
    """Post the line, or file it as a claim, inside the caller's transaction."""
    if posts_without_review(ctx, rule):
        return _post(conn, ctx, rule_id, rule, line, note, activity)
    return _file_claim(conn, ctx, rule_id, rule, line, note, activity)


def _post(conn, ctx, rule_id, rule, line: Line, note, activity) -> Award:
    entry_id = new_id()
    ledger.post(conn, NewEntry(
        id=entry_id, account_id=line.account_id, resident_id=line.resident.id,
        kind="deduct" if line.points.is_negative() else "award", hundredths=line.points.hundredths,
        rule_id=rule_id, qty=line.qty.hundredths, note=note, operator_id=ctx.actor.operator_id,
        terminal_id=ctx.terminal.id, at=ctx.now_text(), activity_date=activity.isoformat(),
        **version_fields(rule)))
    after = Points(ledger.balance(conn, line.account_id))
    audit_row(conn, ctx, "points.award", "entry", entry_id,
              after={"resident": line.resident.name, "rule": rule.code, "qty": str(line.qty),
                     "points": str(line.points), "balance": str(after)})
    return Award(line.resident, rule.name, line.qty, line.points, "posted", entry_id, after)


def _file_claim(conn, ctx, rule_id, rule, line: Line, note, activity) -> Award:
    claim_id = new_id()
    claim_store.insert(conn, id=claim_id, resident_id=line.resident.id, account_id=line.account_id,
                       rule_id=rule_id, qty=line.qty.hundredths, points=line.points.hundredths,
                       note=note, activity_date=activity.isoformat(),
                       filed_by=ctx.actor.operator_id, filed_at=ctx.now_text(),
                       terminal_id=ctx.terminal.id, version=version_fields(rule))
    audit_row(conn, ctx, "claim.file", "claim", claim_id,
              after={"resident": line.resident.name, "rule": rule.code, "points": str(line.points)})
    return Award(line.resident, rule.name, line.qty, line.points, "pending", claim_id, None)


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
    require_second_if_own(ctx, [resident.household_id], Act.ADJUST)
    account_id = residents.account_id_for(ctx, resident)
    bounds.check_adjust_month(ctx, account_id, points)
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
