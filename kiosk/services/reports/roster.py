"""The year's grade roster (信用等次名册): every household's score and grade."""

from __future__ import annotations

from collections import Counter

from kiosk.core.points import Points
from kiosk.i18n import tr
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
from kiosk.services.selfservice_words import house_order
from kiosk.store import reports as store


def grades_table(scale, counts: Counter, households: int) -> Table:
    """Each grade: from what score, how many households, and what it brings (when set)."""
    perks = [getattr(g, "perks", "") for g in scale.grades]
    columns = (Column(tr("等次", "Grade")), Column(tr("最低得分", "From score"), POINTS),
               Column(tr("户数", "Households"), COUNT))
    rows = [(g.label, g.minimum if g is not scale.grades[-1] else None, counts[g.label])
            for g in scale.grades]
    total = (tr("合计", "Total"), None, households)
    if any(perks):
        columns += (Column(tr("待遇", "Perks")),)
        rows = [(*row, perk) for row, perk in zip(rows, perks)]
        total += (None,)
    return Table("grades", tr("各等次户数", "Households per grade"), columns, tuple(rows), total)


def build(ctx: Context, period: ReportPeriod, **_) -> Report:
    scale = ctx.village.grades
    ranked = scores_in(ctx, period)
    members = store.members_per_household(ctx.db)
    graded = [(s, scale.grade_for(Points(s.earned)).label, place)
              for place, s in enumerate(ranked, start=1)]
    graded.sort(key=lambda g: (house_order(g[0].house_no), g[0].household_id))
    rows = tuple((s.house_no, s.head, members.get(s.household_id, 0), Points(s.earned), grade, place)
                 for s, grade, place in graded)
    columns = (Column(tr("门牌号", "House")), Column(tr("户主", "Head")),
               Column(tr("人数", "Members"), COUNT), Column(tr("年度得分", "Year's score"), POINTS),
               Column(tr("等次", "Grade")), Column(tr("名次", "Place"), COUNT))
    counts = Counter(grade for _, grade, _ in graded)
    labels = tuple(g.label for g in scale.grades)
    grades = grades_table(scale, counts, len(graded))
    empty = not any(s.earned for s in ranked)
    nothing = tr(f"{period.label}还没有哪一户得分，全部按最低等次计。",
                 f"No household has scored in {period.label} yet; all are at the lowest grade.")
    return Report(
        "roster", tr(f"{period.label} 信用等次名册", f"Grade roster, {period.label}"), period,
        subtitle(ctx, period),
        facts=tuple(Fact(tr(f"{label} 户数", f"{label} households"), counts[label]) for label in labels),
        tables=(grades, Table("roster", tr("各户等次", "Grade of each household"), columns, rows,
                              empty_words=tr("还没有登记任何户。", "No household is registered."))),
        charts=(Chart("bars", tr("各等次户数", "Households per grade"), labels,
                      ((tr("户数", "Households"), tuple(float(counts[g]) for g in labels)),),
                      tr("户", "households"),),),
        notes=(nothing,) if empty else (), empty=empty)
