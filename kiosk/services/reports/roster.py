"""The year's grade roster (信用等次名册): every household's score and grade."""

from __future__ import annotations

from collections import Counter

from kiosk.core.points import Points
from kiosk.i18n import _, _p
from kiosk.services.context import Context
from kiosk.services.reports.common import subtitle
from kiosk.services.reports.figures import (
    COUNT,
    POINTS,
    Chart,
    Column,
    Fact,
    Report,
    Table,
)
from kiosk.services.reports.period import ReportPeriod
from kiosk.services.reports.scores import scores_in
from kiosk.services.selfservice.words import house_order
from kiosk.store import reports as store


def grades_table(scale, counts: Counter, households: int) -> Table:
    """Each grade: from what score, how many households, and what it brings (when set)."""
    perks = [getattr(g, "perks", "") for g in scale.grades]
    columns = (Column(_("等次")), Column(_("最低得分"), POINTS),
               Column(_("户数"), COUNT))
    rows = [(g.label, g.minimum if g is not scale.grades[-1] else None, counts[g.label])
            for g in scale.grades]
    total = (_("合计"), None, households)
    if any(perks):
        columns += (Column(_("待遇")),)
        rows = [(*row, perk) for row, perk in zip(rows, perks)]
        total += (None,)
    return Table("grades", _("各等次户数"), columns, tuple(rows), total)


def _stored(ctx: Context, period: ReportPeriod) -> dict:
    """A past year's grades as stored when it ended (kiosk.services.points.grades_admin.store_year_end)."""
    from kiosk.store import grades as grade_store

    if period.kind.value != "year" or period.start.year >= ctx.clock.now().date().year:
        return {}
    return grade_store.stored_year(ctx.db, period.start.year)


def build(ctx: Context, period: ReportPeriod, **_unused) -> Report:
    scale = ctx.village.grades
    ranked = scores_in(ctx, period)
    members = store.members_per_household(ctx.db)
    kept = _stored(ctx, period)
    graded = [(s, kept[s.household_id]["grade"] if s.household_id in kept
               else scale.grade_for(Points(s.earned)).label, place)
              for place, s in enumerate(ranked, start=1)]
    graded.sort(key=lambda g: (house_order(g[0].house_no), g[0].household_id))
    rows = tuple((s.house_no, s.head, members.get(s.household_id, 0), Points(s.earned), grade, place)
                 for s, grade, place in graded)
    columns = (Column(_p("roster", "门牌号")), Column(_p("roster", "户主")),
               Column(_("人数"), COUNT), Column(_("年度得分"), POINTS),
               Column(_("等次")), Column(_("名次"), COUNT))
    counts = Counter(grade for _unused, grade, _unused in graded)
    labels = tuple(g.label for g in scale.grades)
    grades = grades_table(scale, counts, len(graded))
    empty = not any(s.earned for s in ranked)
    nothing = _("{label}还没有哪一户得分，全部按最低等次计。").format(label=period.label)
    return Report(
        "roster", _("{label} 信用等次名册").format(label=period.label), period,
        subtitle(ctx, period),
        facts=tuple(Fact(_("{label} 户数").format(label=label), counts[label]) for label in labels),
        tables=(grades, Table("roster", _("各户等次"), columns, rows,
                              empty_words=_("还没有登记任何户。"))),
        charts=(Chart("bars", _("各等次户数"), labels,
                      ((_("户数"), tuple(float(counts[g]) for g in labels)),),
                      _p("roster", "户"),),),
        notes=(nothing,) if empty else (), empty=empty)
