"""A resident's points at a glance: household, members, balance, grade, hold, history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.core.kinds import entry_words
from kiosk.core.points import Points
from kiosk.i18n import _
from kiosk.services.people import residents
from kiosk.services.context import Context
from kiosk.store import ledger
from kiosk.store import people as people_store


@dataclass(frozen=True)
class HistoryLine:
    at: str
    activity_date: str
    kind: str
    what: str
    points: Points


@dataclass(frozen=True)
class Standing:
    resident: residents.Resident
    members: tuple[residents.Resident, ...]
    account_id: str
    balance: Points
    year_score: Points
    grade: str
    next_grade: str | None
    next_grade_at: Points | None
    hold: str | None
    history: tuple[HistoryLine, ...]


def standing(ctx: Context, resident_ref: str | residents.Resident, history: int = 10) -> Standing:
    """Readable by every role, the self-service screen included."""
    resident = resident_ref if isinstance(resident_ref, residents.Resident) \
        else residents.resolve(ctx, resident_ref)
    account = people_store.account_of(ctx.db, ctx.village.policy.account_mode.value,
                                      resident.id, resident.household_id)
    today = ctx.clock.now().date()
    score = Points(ledger.earned_in_year(ctx.db, account["id"], date(today.year, 1, 1).isoformat(),
                                         date(today.year + 1, 1, 1).isoformat()))
    scale = ctx.village.grades
    upcoming = scale.next_above(score)
    return Standing(
        resident=resident, members=tuple(residents.members(ctx, resident.household_id)),
        account_id=account["id"], balance=Points(account["balance"]),
        year_score=score, grade=scale.grade_for(score).label,
        next_grade=upcoming.label if upcoming else None,
        next_grade_at=upcoming.minimum if upcoming else None,
        hold=account["hold_reason"], history=tuple(_history(ctx, account["id"], history)),
    )


def _history(ctx: Context, account_id: str, limit: int) -> list[HistoryLine]:
    lines = []
    for row in ledger.history(ctx.db, account_id, limit):
        what = row["rule_name"] or (_("兑换 小票 {receipt}").format(receipt=row["receipt"]) if row["kind"] == "redeem"
                                    else row["note"] or entry_words(row["kind"]))
        lines.append(HistoryLine(row["at"], row["activity_date"], row["kind"], what,
                                 Points(row["hundredths"])))
    return lines
