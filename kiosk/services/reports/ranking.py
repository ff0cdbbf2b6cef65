"""The household ranking for the notice board: a month or a year, in large type, and the
ranking of the village's groups (组, from the house number: 3组12号 is in 3组).

Other households' names follow the village's privacy setting for public boards
(full, 王**, or the house number only), as on the touchscreen.
"""

from __future__ import annotations

from kiosk.core.points import Points
from kiosk.i18n import _, _p
from kiosk.services.context import Context
from kiosk.services.reports.common import subtitle
from kiosk.services.reports.figures import COUNT, POINTS, Column, Fact, Report, Table
from kiosk.services.reports.period import ReportPeriod
from kiosk.services.reports.scores import scores_in
from kiosk.services.selfservice.board import name_style
from kiosk.services.selfservice.words import shown_name


def build(ctx: Context, period: ReportPeriod, top: int | None = None, **_unused) -> Report:
    ranked = scores_in(ctx, period)
    style = name_style(ctx)
    empty = not any(s.earned for s in ranked)
    shown = ranked if top is None else ranked[:max(0, top)]
    rows = tuple((n, s.house_no, shown_name(style, s.head, s.house_no), Points(s.earned))
                 for n, s in enumerate(shown, start=1))
    columns = (Column(_("名次"), COUNT), Column(_p("ranking", "门牌号")),
               Column(_p("ranking", "户主")), Column(_("得分"), POINTS))
    nothing = _("{label}还没有哪一户得分。").format(label=period.label)
    table = Table("ranking", _("各户得分排名"), columns,
                  () if empty else rows, empty_words=nothing)
    return Report(
        "ranking", _("{label} 积分排行榜").format(label=period.label), period,
        subtitle(ctx, period),
        facts=(Fact(_("参加排名的户数"), len(ranked)),
               Fact(_("全村得分合计"), Points(sum(s.earned for s in ranked)))),
        tables=(table, group_table(ranked, empty, nothing)), notes=(nothing,) if empty else (),
        empty=empty, large=True)


def group_of(house_no: str) -> str:
    """'3组' for '3组12号'; a house number without a group is its own."""
    head, found, _rest = house_no.partition("组")
    return f"{head}组" if found and head else _("其他")


def group_table(ranked, empty: bool, nothing: str) -> Table:
    """Groups ranked by their households' total, with how many households and the average."""
    totals: dict[str, list[int]] = {}
    for score in ranked:
        totals.setdefault(group_of(score.house_no), []).append(score.earned)
    order = sorted(totals.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    rows = tuple((n, group, len(scores), Points(sum(scores)), Points(sum(scores) // len(scores)))
                 for n, (group, scores) in enumerate(order, start=1))
    columns = (Column(_("名次"), COUNT), Column(_("组")), Column(_("户数"), COUNT),
               Column(_("合计得分"), POINTS), Column(_("每户平均"), POINTS))
    return Table("groups", _("各组得分排名"), columns, () if empty else rows, empty_words=nothing)
