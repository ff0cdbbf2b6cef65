"""The reports over the demo village's lived-in year, checked against raw ledger sums."""

from __future__ import annotations

import json
from datetime import date
from itertools import pairwise

import pytest

from kiosk.core.points import Points
from kiosk.services import reports
from tests.services.reports_scene import (
    by_category,
    column,
    demo_village,
    earned_by_house,
    goods_net,
    kind_sum,
    owed_before,
    rows_by,
    stock_at,
)

MONTHS = [f"{2025 + (m > 12)}-{(m - 1) % 12 + 1:02d}" for m in range(11, 24)]   # 2025-11 … 2026-11


def _bounds(month: str) -> tuple[str, str]:
    year, number = map(int, month.split("-"))
    after = date(year + number // 12, number % 12 + 1, 1)
    return f"{month}-01", after.isoformat()


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    ctx = demo_village(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    yield ctx
    ctx.db.close()


@pytest.mark.parametrize("month", MONTHS)
def test_every_month_adds_up_to_the_ledger(village, month):
    db, (start, end) = village.db, _bounds(month)
    report = reports.make(village, "monthly", month)
    assert report.fact("期初结余") == Points(owed_before(db, start))
    assert report.fact("期末结余（村民未用的积分）") == Points(owed_before(db, end))
    assert report.fact("加分") == Points(kind_sum(db, "award", start, end)[1])
    assert report.fact("兑换商品") == Points(-kind_sum(db, "redeem", start, end)[1])
    assert report.fact("兑换单") == db.scalar("SELECT COUNT(*) FROM sale WHERE at >= ? AND at < ?", (start, end))
    awarded = report.table("awarded")
    assert {r[0]: (r[1], r[2].hundredths) for r in awarded.rows} == by_category(db, "award", start, end)
    goods = report.table("goods")
    net, points = column(goods, "净出库"), column(goods, "积分")
    assert {r[0]: (r[net], r[points].hundredths) for r in goods.rows} == goods_net(db, start, end)


def test_each_month_opens_with_what_the_month_before_closed(village):
    made = [reports.make(village, "monthly", m) for m in MONTHS]
    for before, after in pairwise(made):
        assert before.table("balance").total[2] == after.fact("期初结余")
    year = reports.make(village, "monthly", "2026")
    assert year.fact("期末结余（村民未用的积分）") == made[-1].fact("期末结余（村民未用的积分）")
    owed = village.db.scalar("SELECT SUM(hundredths) FROM balance")
    assert year.fact("期末结余（村民未用的积分）") == Points(owed)   # the cached balances agree


def test_the_year_chart_has_every_months_awards_by_category(village):
    chart = reports.make(village, "monthly", "2026").charts[0]
    assert chart.labels == tuple(f"{n}月" for n in range(1, 13))
    for n, label in enumerate(chart.labels):
        raw = by_category(village.db, "award", *_bounds(f"2026-{n + 1:02d}"))
        got = {name: values[n] for name, values in chart.series if values[n]}
        assert got == {name: total / 100 for name, (_, total) in raw.items()}, label


@pytest.mark.parametrize(("period", "bounds"), [("2026", ("2026-01-01", "2027-01-01")),
                                                ("2026-10", ("2026-10-01", "2026-11-01")),
                                                ("2025", ("2025-01-01", "2026-01-01"))])
def test_ranking_of_sixty_households(village, period, bounds):
    table = reports.make(village, "ranking", period).table("ranking")
    raw = earned_by_house(village.db, *bounds)
    got = {row[1]: row[3].hundredths for row in table.rows}
    assert {h: v for h, v in got.items() if v} == raw
    assert len(table.rows) == village.db.scalar("SELECT COUNT(*) FROM household WHERE active = 1")
    assert [r[3] for r in table.rows] == sorted((r[3] for r in table.rows), reverse=True)


def test_roster_uses_the_villages_grade_scale(village):
    scale = json.loads(village.db.scalar("SELECT grade_scale FROM village"))
    raw = earned_by_house(village.db, "2026-01-01", "2027-01-01")

    def grade(score: int) -> str:
        return next(label for label, least in sorted(scale, key=lambda g: -g[1]) if score >= least * 100)

    report = reports.make(village, "roster", "2026")
    table = report.table("roster")
    assert {r[0]: r[4] for r in table.rows} == {house: grade(raw.get(house, 0)) for house in
                                                 (r[0] for r in table.rows)}
    counts = {r[0]: r[2] for r in report.table("grades").rows}
    assert sum(counts.values()) == len(table.rows) == 60


def test_statement_of_a_demo_household_for_the_year(village):
    house = village.db.scalar("SELECT house_no FROM household ORDER BY house_no LIMIT 1")
    report = reports.make(village, "statement", "2026", household=house)
    account = village.db.scalar("SELECT a.id FROM account a JOIN household h ON h.id = a.household_id"
                                " WHERE h.house_no = ?", (house,))
    entries = village.db.all("SELECT hundredths FROM entry WHERE account_id = ? AND at >= '2026-01-01'"
                             " AND at < '2027-01-01'", (account,))
    assert report.fact("笔数") == len(entries)
    assert report.fact("收入") == Points(sum(r[0] for r in entries if r[0] > 0))
    opening = village.db.scalar("SELECT COALESCE(SUM(hundredths), 0) FROM entry WHERE account_id = ?"
                                " AND at < '2026-01-01'", (account,))
    assert report.fact("期初余额") == Points(opening)
    assert report.fact("期末余额") == Points(opening + sum(r[0] for r in entries))


def test_stock_today_and_a_month_ago(village):
    now = reports.make(village, "stock").table("stock")
    cached = dict(village.db.all("SELECT p.name, s.qty FROM stock s JOIN product p ON p.id = s.product_id"))
    assert rows_by(now, "商品", "库存") == {k: v for k, v in cached.items() if k in rows_by(now, "商品", "库存")}
    then = reports.make(village, "stock", "2026-10").table("stock")
    raw = stock_at(village.db, "2026-11-01")
    assert {k: v for k, v in rows_by(then, "商品", "库存").items() if v or k in raw} == raw


def test_daily_summary_of_a_busy_day(village):
    day = village.db.scalar("SELECT substr(at, 1, 10) FROM sale GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1")
    report = reports.make(village, "daily", day)
    after = date.fromisoformat(day).toordinal() + 1
    end = date.fromordinal(after).isoformat()
    assert report.fact("兑换单") == village.db.scalar(
        "SELECT COUNT(*) FROM sale WHERE at >= ? AND at < ?", (day, end))
    assert report.table("operators").total[1] == report.fact("兑换单")
