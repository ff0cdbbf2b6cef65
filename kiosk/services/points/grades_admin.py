"""The village's grades (信用等次): thresholds and perks a manager edits, and each
household's grade for a year (the roster report and the back office read the same)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.core.errors import Refused
from kiosk.core.grades import Grade, GradeScale, checked_scale
from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import grades as store


@dataclass(frozen=True)
class HouseholdGrade:
    household_id: str
    house_no: str
    head: str
    score: Points
    grade: str
    perks: str


def grades(ctx: Context) -> tuple[Grade, ...]:
    """The village's grades, highest first (the last is the floor)."""
    return ctx.village.grades.grades


def set_grades(ctx: Context, rows: list[tuple[str, str, str]]) -> GradeScale:
    """Replace the grade table: (label, lowest score, perks), highest first. Managers only."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    scale = checked_scale(rows)
    before = ctx.village.grades.as_rows()
    with ctx.db.write() as conn:
        store.set_grade_scale(conn, ctx.village.id, scale.as_rows())
        audit_row(conn, ctx, "grades.set", "village", ctx.village.id,
                  before={"grades": before}, after={"grades": scale.as_rows()})
    ctx.__dict__.pop("village", None)   # the cached village row is now out of date
    return scale


def household_grades(ctx: Context, year: int | None = None) -> list[HouseholdGrade]:
    """Every active household's score and grade for a year (this year by default),
    best first; the same figures as the roster report and the touchscreen."""
    from kiosk.services.reports.period import ReportPeriod
    from kiosk.services.reports.scores import scores_in

    today = ctx.clock.now().date()
    year = today.year if year is None else int(year)
    if not 2000 <= year <= today.year:
        raise Refused("grade_year_bad", year=year, this_year=today.year)
    scale = ctx.village.grades
    kept = store.stored_year(ctx.db, year) if year < today.year else {}
    found = []
    for score in scores_in(ctx, ReportPeriod.of(Period.YEAR, date(year, 1, 1))):
        if score.household_id in kept:            # stored when the year ended: thresholds then
            row = kept[score.household_id]
            found.append(HouseholdGrade(score.household_id, score.house_no, score.head,
                                        Points(row["score"]), row["grade"], row["perks"]))
            continue
        grade = scale.grade_for(Points(score.earned))
        found.append(HouseholdGrade(score.household_id, score.house_no, score.head,
                                    Points(score.earned), grade.label, grade.perks))
    return found


def store_year_end(ctx: Context) -> int:
    """Keep last year's grades as they stood when it ended (once); returns how many were stored.

    Run by the counter's jobs: on the first run after New Year the thresholds are still
    the year's own, so a later change of them does not rewrite past years."""
    last = ctx.clock.now().date().year - 1
    if last < 2000 or store.stored_year(ctx.db, last):
        return 0
    found = household_grades(ctx, last)
    if not found:
        return 0
    with ctx.db.write() as conn:
        store.store_year(conn, last, [(g.household_id, g.score.hundredths, g.grade, g.perks) for g in found],
                         ctx.now_text())
    return len(found)
