"""Ten years of a village's books: the reports still add up, and read only what they need.

"Fast" is checked without a stopwatch: every statement a report runs is traced and
its query plan asked for; none may walk the whole ledger (SCAN of entry). The
timing over half a million entries is the `reports` benchmark's job.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from kiosk.core.clock import FixedClock
from kiosk.core.points import Points
from kiosk.core.rules import Rule, Shape
from kiosk.services import reports
from kiosk.services.people import residents
from kiosk.services.points import rules
from kiosk.services.selfservice import scores as selfservice_scores
from kiosk.services.setup import create as setup
from kiosk.services.shop import checkout, products
from kiosk.services.stock import movements as stock
from kiosk.services.context import Context
from tests.conftest import MANAGER_PIN, give
from tests.services.reports_scene import earned_by_house, kind_sum, owed_before

FIRST, LAST = date(2016, 1, 1), date(2026, 10, 1)
WHOLE_LEDGER = re.compile(r"^SCAN (entry|e)\b")
NEWEST_ONLY = "ORDER BY rowid DESC LIMIT 1"      # a walk that stops at the first row


def _months():
    day = FIRST
    while day <= LAST:
        yield day
        day = (day + timedelta(days=32)).replace(day=1)


@pytest.fixture(scope="module")
def decade(tmp_path_factory):
    """青石村 from January 2016 to October 2026: every month two households earn and one buys."""
    clock = FixedClock(datetime(2016, 1, 1, 9, 0), tick=timedelta(seconds=1))
    db = setup.create_database(tmp_path_factory.mktemp("decade") / "village.sqlite")
    ctx = setup.init_village(db, village="青石村", manager="刘建军", pin=MANAGER_PIN, clock=clock)
    for name, house in [("王小明", "3组12号"), ("李秀英", "3组12号"), ("张桂兰", "1组8号")]:
        residents.add_resident(ctx, name=name, house_no=house)
    rules.add_rule(ctx, Rule("hjqs", "环境清扫", "环境卫生", Shape.FIXED, Points.parse(5)))
    soap = products.add_product(ctx, name="香皂", price="5.5", category="日用", unit="块")
    stock.receive(ctx, soap.code, 500)
    for month in _months():
        clock.set(datetime.combine(month.replace(day=10), datetime.min.time()).replace(hour=10))
        give(ctx, "JF000001", 2)
        give(ctx, "JF000003", 1)
        checkout.redeem_items(ctx, "JF000001", ["香皂"])
    clock.set(datetime(2026, 11, 20, 18, 0))
    yield ctx
    db.close()


def _plans(ctx: Context, call) -> list[str]:
    """Run `call`, then the query plan of every statement it ran, line by line."""
    statements: list[str] = []
    ctx.db.conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        ctx.db.conn.set_trace_callback(None)
    lines = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            lines += [f"{row[3]}    ← {sql[:90]}" for row in ctx.db.all(f"EXPLAIN QUERY PLAN {sql}")]
    return lines


@pytest.mark.parametrize(("month", "bounds"), [("2016-03", ("2016-03-01", "2016-04-01")),
                                               ("2021-07", ("2021-07-01", "2021-08-01")),
                                               ("2026-10", ("2026-10-01", "2026-11-01"))])
def test_a_month_anywhere_in_ten_years_adds_up(decade, month, bounds):
    report = reports.make(decade, "monthly", month)
    db = decade.db
    assert report.fact("期初结余") == Points(owed_before(db, bounds[0]))
    assert report.fact("期末结余（村民未用的积分）") == Points(owed_before(db, bounds[1]))
    assert report.fact("加分") == Points(kind_sum(db, "award", *bounds)[1]) == Points.parse(15)
    assert report.fact("兑换单") == 1


def test_a_year_long_ago_and_its_chart(decade):
    report = reports.make(decade, "monthly", "2019")
    assert report.fact("加分") == Points.parse(15 * 12)
    chart = report.charts[0]
    assert chart.series == (("环境卫生", (15.0,) * 12),)


@pytest.mark.parametrize("year", ["2016", "2026"])
def test_ranking_and_roster_of_any_year(decade, year):
    bounds = (f"{year}-01-01", f"{int(year) + 1}-01-01")
    ranking = reports.make(decade, "ranking", year).table("ranking")
    assert {r[1]: r[3].hundredths for r in ranking.rows} == earned_by_house(decade.db, *bounds)
    roster = reports.make(decade, "roster", year).table("roster")
    assert {r[0]: r[3] for r in roster.rows} == {r[1]: r[3] for r in ranking.rows}


def test_statement_of_an_early_year_opens_with_the_balance_then(decade):
    report = reports.make(decade, "statement", "2018", resident="JF000001")
    # each month before: +10 awarded, -5.5 spent
    assert report.fact("期初余额") == Points.parse("4.5") * 24
    assert report.fact("笔数") == 36 and report.fact("期末余额") == Points.parse("4.5") * 36


@pytest.mark.parametrize(("name", "period", "whom"), [
    ("daily", "2026-10-10", {}), ("monthly", "2026-10", {}), ("monthly", "2026", {}),
    ("monthly", "2016-02", {}), ("statement", "2026", {"resident": "JF000001"}),
    ("ranking", "2026", {}), ("roster", "2016", {}), ("stock", "2026-10", {}), ("movements", "2026-10", {}),
])
def test_no_report_walks_the_whole_ledger(decade, name, period, whom):
    with selfservice_scores._lock:
        selfservice_scores._sums.clear()          # the ranking's first read, not a cached one
    plans = _plans(decade, lambda: reports.make(decade, name, period, **whom))
    assert plans, "nothing was traced"
    walks = [line for line in plans if WHOLE_LEDGER.match(line) and NEWEST_ONLY not in line]
    assert walks == [], "\n".join(walks)
