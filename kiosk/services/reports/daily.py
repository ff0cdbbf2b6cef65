"""日结: one day at the counter: points in and out, goods out, each operator's exchanges."""

from __future__ import annotations

from kiosk.i18n import tr
from kiosk.services import shift
from kiosk.services.context import Context
from kiosk.services.reports import summary
from kiosk.services.reports.common import ledger_figures, subtitle
from kiosk.services.reports.figures import COUNT, POINTS, Column, Report, Table
from kiosk.services.reports.period import ReportPeriod


def operators_table(ctx: Context, period: ReportPeriod) -> Table:
    day = shift.summary(ctx, period.start)
    columns = (Column(tr("操作员", "Operator")), Column(tr("兑换单", "Exchanges"), COUNT),
               Column(tr("积分", "Points"), POINTS), Column(tr("退货单", "Refunds"), COUNT),
               Column(tr("退回积分", "Refunded"), POINTS))
    rows = tuple((o.operator, o.sales, o.points, o.refunds, o.refunded) for o in day.operators)
    return Table("operators", tr("各操作员", "By operator"), columns, rows,
                 (tr("合计", "Total"), day.sales, day.points, sum(o.refunds for o in day.operators),
                  day.refunded), tr("这一天没有人在收银台兑换。", "Nobody exchanged goods at the counter that day."))


def build(ctx: Context, period: ReportPeriod, **_) -> Report:
    ledger, counter = ledger_figures(ctx, period), summary.counter_figures(ctx, period)
    empty = summary.is_empty(ledger, counter)
    return Report(
        "daily", tr(f"{period.label} 日结", f"Daily summary, {period.label}"), period, subtitle(ctx, period),
        facts=summary.facts(ledger, counter),
        tables=(*summary.ledger_tables(ledger), summary.goods_table(counter),
                operators_table(ctx, period)),
        charts=() if empty else (summary.top_goods_chart(counter),),
        notes=(summary.nothing_words(period),) if empty else (),
        empty=empty)
