"""Bounds on points (issue 16): how far back an activity may be dated, the township's most
per award, and how much one account may be adjusted in a month before a second manager
must confirm. The largest quantity per award belongs to the rule (kiosk.core.rules)."""

from __future__ import annotations

from datetime import date

from kiosk.config import ADJUST_MONTH_MOST, BACKDATE_MONTHS, TOWNSHIP_AWARD_MOST
from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.core.rules import Rule
from kiosk.services.setup import settings
from kiosk.services import behind
from kiosk.services.context import Context, Role
from kiosk.store import conflicts as store


def earliest_day(ctx: Context) -> date:
    """The first day an activity may be dated: the 1st of this month, N months back."""
    today = ctx.clock.now().date()
    months = today.year * 12 + today.month - 1 - settings.value(ctx, BACKDATE_MONTHS)
    return date(months // 12, months % 12 + 1, 1)


def check_day(ctx: Context, day: date) -> None:
    earliest = earliest_day(ctx)
    if day < earliest:
        raise Refused("date_too_early", value=day.isoformat(), earliest=earliest.isoformat(),
                      months=settings.value(ctx, BACKDATE_MONTHS))


def check_award(ctx: Context, rule: Rule, points: Points) -> None:
    """One award may give (or take) at most what the township allows, whatever the quantity."""
    most = settings.value(ctx, TOWNSHIP_AWARD_MOST)
    if abs(points.hundredths) > most * 100:
        raise Refused("award_beyond_township", rule=rule.name, points=str(points), most=most)


def check_adjust_month(ctx: Context, account_id: str, points: Points) -> None:
    """Past the month's adjustments limit for this account, a second manager must confirm."""
    if ctx.actor.role is Role.SYSTEM:
        return
    most = settings.value(ctx, ADJUST_MONTH_MOST)
    today = ctx.clock.now().date()
    start = today.replace(day=1)
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    done = store.adjusted_between(ctx.db, account_id, start.isoformat(), end.isoformat())
    if done + abs(points.hundredths) <= most * 100:
        return
    second = ctx.second
    if second is None or second.role is not Role.MANAGER or second.operator_id == ctx.actor.operator_id:
        raise Refused("adjust_month_needs_second", done=str(Points(done)),
                      points=str(Points(abs(points.hundredths))), most=most)
    try:
        behind.require_apart(ctx, second)
    except Refused:     # one PIN-knower could be both: the limit would be his alone to lift
        raise Refused("adjust_month_second_not_apart", second=second.name, actor=ctx.actor.name) from None
