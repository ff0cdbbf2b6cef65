"""月结 (and the year's summary): the daily figures for a month or a year, with charts.

The chart needs twelve months of sums anyway; the report's own figures are taken
from them (the last month, or all twelve for a year) instead of being read again.
"""

from __future__ import annotations

from kiosk.core.kinds import entry_words
from kiosk.core.periods import Period
from kiosk.i18n import _
from kiosk.services.audit import chain_anchor
from kiosk.services.context import Context
from kiosk.services.reports import summary
from kiosk.services.reports.common import ledger_figures, other_category, subtitle
from kiosk.services.reports.figures import Chart, Report
from kiosk.services.reports.period import ReportPeriod
from kiosk.store import reports as store


def earned_chart(ctx: Context, months: list[ReportPeriod], sums: list[list]) -> Chart:
    """Points awarded per category in each month (a year's, or the twelve up to this one)."""
    categories = store.rule_categories(ctx.db)
    by_category: dict[str, list[int]] = {}
    for n, rows in enumerate(sums):
        for row in rows:
            if row["kind"] == "award":
                name = categories.get(row["rule_id"]) or other_category()
                by_category.setdefault(name, [0] * len(months))[n] += row["hundredths"]
    order = sorted(by_category, key=lambda name: -sum(by_category[name]))
    return Chart("columns", _("每月{kind}（按类别）").format(kind=entry_words("award")),
                 tuple(_("{month}月").format(month=m.start.month, month_name=m.start.strftime("%b")) for m in months),
                 tuple((name, tuple(v / 100 for v in by_category[name])) for name in order),
                 _("分"))


def build(ctx: Context, period: ReportPeriod, **_unused) -> Report:
    months = period.months()
    sums = [store.ledger_by_kind_rule(ctx.db, *month.bounds) for month in months]
    own = [row for rows in sums for row in rows] if period.kind is Period.YEAR else sums[-1]
    ledger, counter = ledger_figures(ctx, period, own), summary.counter_figures(ctx, period)
    empty = summary.is_empty(ledger, counter)
    title = (_("{label} 月度汇总").format(label=period.label) if period.kind is Period.MONTH
             else _("{label} 年度汇总").format(label=period.label))
    return Report(
        "monthly", title, period, subtitle(ctx, period),
        facts=summary.facts(ledger, counter),
        tables=(*summary.ledger_tables(ledger), summary.goods_table(counter)),
        charts=(earned_chart(ctx, months, sums), summary.top_goods_chart(counter)),
        notes=((summary.nothing_words(period),) if empty else ()) + chain_anchor.notes(ctx),
        empty=empty)
