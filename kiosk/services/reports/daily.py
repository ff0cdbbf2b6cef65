"""日结: one day at the counter: points in and out, goods out, each operator's exchanges."""

from __future__ import annotations

from kiosk.i18n import _
from kiosk.services.audit import chain_anchor
from kiosk.services.reports import shift
from kiosk.services.context import Context
from kiosk.services.reports import summary
from kiosk.services.reports.common import ledger_figures, subtitle
from kiosk.services.reports.figures import COUNT, POINTS, Column, Report, Table
from kiosk.services.reports.period import ReportPeriod


def operators_table(ctx: Context, period: ReportPeriod) -> Table:
    day = shift.summary(ctx, period.start)
    columns = (Column(_("操作员")), Column(_("兑换单"), COUNT),
               Column(_("积分"), POINTS), Column(_("退货单"), COUNT),
               Column(_("退回积分"), POINTS))
    rows = tuple((o.operator, o.sales, o.points, o.refunds, o.refunded) for o in day.operators)
    return Table("operators", _("各操作员"), columns, rows,
                 (_("合计"), day.sales, day.points, sum(o.refunds for o in day.operators),
                  day.refunded), _("这一天没有人在收银台兑换。"))


def build(ctx: Context, period: ReportPeriod, **_unused) -> Report:
    ledger, counter = ledger_figures(ctx, period), summary.counter_figures(ctx, period)
    empty = summary.is_empty(ledger, counter)
    return Report(
        "daily", _("{label} 日结").format(label=period.label), period, subtitle(ctx, period),
        facts=summary.facts(ledger, counter),
        tables=(*summary.ledger_tables(ledger), summary.goods_table(counter),
                operators_table(ctx, period)),
        charts=() if empty else (summary.top_goods_chart(counter),),
        notes=((summary.nothing_words(period),) if empty else ()) + chain_anchor.notes(ctx),
        empty=empty)
