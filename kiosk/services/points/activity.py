"""Recording points (记分) for one resident or a whole activity at once.

A clean-up with 25 residents is one recording: one rule, one day, one note, an
optional photo, and each resident's quantity (hours, times …). It is all or
nothing: an inactive resident, a name listed twice or a cap any one of them would
break refuses the whole list, naming who; nothing is written until all are fine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points, total
from kiosk.core.quantity import Measure
from kiosk.services.people import residents
from kiosk.services.points import awards, photos
from kiosk.services.context import Context
from kiosk.services.dates import parse_day
from kiosk.services.trail import audit_row
from kiosk.store import activities as store
from kiosk.store import journal

MAX_PEOPLE = 300


@dataclass(frozen=True)
class Activity:
    id: str
    rule: str
    day: str
    note: str
    awards: tuple[awards.Award, ...]
    has_photo: bool

    @property
    def total(self) -> Points:
        return total(a.points for a in self.awards)

    @property
    def status(self) -> str:
        """'posted', or 'pending' when the lines wait for a manager's review."""
        return self.awards[0].status


def record(ctx: Context, rule_ref: str, people: list[tuple[str, object]], note: str = "",
           photo: Path | str | None = None, day: object = None) -> Activity:
    """Record `people` — (resident, quantity) pairs — under one rule, all or nothing."""
    awards.require_recorder(ctx)
    rule_id, rule = awards.active_rule(ctx, rule_ref)
    if not people:
        raise Refused("activity_nobody")
    if len(people) > MAX_PEOPLE:
        raise Refused("activity_too_many", count=len(people), most=MAX_PEOPLE)
    activity = parse_day(day, ctx.clock.now().date())
    awards.bounds.check_day(ctx, activity)
    found = [(residents.resolve(ctx, ref), Measure.parse(qty)) for ref, qty in people]
    _refuse_twice([r for r, _ in found])
    _refuse_inactive([r for r, _ in found])
    lines = [awards.plan(ctx, resident, rule_id, rule, qty, activity) for resident, qty in found]
    _refuse_over_caps(ctx, lines, rule_id, rule, activity)
    note = awards.clean_note(note)
    awards.require_second_for_posting(ctx, rule, [line.resident.household_id for line in lines])
    picture = photos.prepare(photo) if photo else None
    with ctx.db.write() as conn:
        return _write(conn, ctx, rule_id, rule, lines, note, picture, activity)


def _refuse_twice(found: list[residents.Resident]) -> None:
    seen: set[str] = set()
    for resident in found:
        if resident.id in seen:
            raise Refused("activity_twice", name=resident.label())
        seen.add(resident.id)


def _refuse_inactive(found: list[residents.Resident]) -> None:
    gone = [r for r in found if r.status != residents.ACTIVE]
    if gone:
        raise Refused("activity_inactive", names="、".join(r.name for r in gone))


def _refuse_over_caps(ctx: Context, lines: list[awards.Line], rule_id, rule, activity) -> None:
    over = []
    for line in lines:
        found = awards.over_cap(ctx, line, rule_id, rule, activity)
        if found is not None:
            over.append(f"{line.resident.name}（这次 {line.points} 分，还能记 {found[1]} 分）")
    if over:
        raise Refused("activity_caps", rule=rule.name, cap=str(rule.cap), period=rule.cap_period.value,
                      names="、".join(over), count=len(over))


def _write(conn, ctx: Context, rule_id, rule, lines, note, picture, activity) -> Activity:
    activity_id = new_id()
    store.insert(conn, id=activity_id, rule_id=rule_id, activity_date=activity.isoformat(), note=note,
                 people=len(lines), recorded_by=ctx.actor.operator_id, terminal_id=ctx.terminal.id,
                 at=ctx.now_text())
    if picture is not None:
        store.insert_photo(conn, activity_id=activity_id, mime=picture.mime, width=picture.width,
                           height=picture.height, data=picture.data, sha256=picture.sha256)
    done = []
    for number, line in enumerate(lines, start=1):
        award = awards.record(conn, ctx, rule_id, rule, line, note, activity)
        posted = award.status == "posted"
        store.insert_line(conn, activity_id=activity_id, line_no=number, resident_id=line.resident.id,
                          qty=line.qty.hundredths, points=line.points.hundredths,
                          entry_id=award.id if posted else None, claim_id=None if posted else award.id)
        done.append(award)
    journal.record(conn, ctx.terminal.id, "activity", activity_id)
    audit_row(conn, ctx, "activity.record", "activity", activity_id,
              after={"rule": rule.code, "day": activity.isoformat(), "people": len(lines),
                     "points": str(total(a.points for a in done)), "photo": picture is not None})
    return Activity(activity_id, rule.name, activity.isoformat(), note, tuple(done), picture is not None)


def photo_of(ctx: Context, record_id: str) -> photos.Photo | None:
    """The photo kept with the activity that posted an entry or filed a claim."""
    row = store.photo_of_record(ctx.db, record_id)
    return photos.Photo(row["mime"], row["width"], row["height"], row["data"]) if row else None
