"""Every report's figures against sums read straight from the ledger and the stock book."""

from __future__ import annotations

import pytest

from kiosk.core.points import Points
from kiosk.services import reports
from tests.services.reports_scene import (
    by_category,
    column,
    earned_by_house,
    goods_net,
    kind_sum,
    moved,
    owed_before,
    play_november,
    rows_by,
    stock_at,
)

NOV4 = ("2026-11-04", "2026-11-05")
NOVEMBER = ("2026-11-01", "2026-12-01")


@pytest.fixture
def played(shop):
    return play_november(shop)


def _balance(report) -> dict[str, tuple]:
    table = report.table("balance")
    return {row[0]: (row[1], row[2]) for row in table.rows} | {"closing": table.total[2]}


@pytest.mark.parametrize(("name", "period", "bounds"), [("daily", "2026-11-04", NOV4),
                                                       ("monthly", "2026-11", NOVEMBER),
                                                       ("monthly", "2026", ("2026-01-01", "2027-01-01"))])
def test_points_in_and_out_match_the_ledger(shop, played, name, period, bounds):
    report = reports.make(shop, name, period)
    db, (start, end) = shop.db, bounds
    lines = _balance(report)
    assert lines["期初结余"][1] == Points(owed_before(db, start))
    assert lines["closing"] == Points(owed_before(db, end))
    for label, kind in [("加分", "award"), ("扣分", "deduct"), ("兑换商品", "redeem"),
                        ("退货退分", "refund"), ("管理员更正", "adjust")]:
        count, total = kind_sum(db, kind, start, end)
        assert lines[label] == (count, Points(total)), label
    for key, kind in (("awarded", "award"), ("deducted", "deduct")):
        table = report.table(key)
        assert {r[0]: (r[1], r[2].hundredths) for r in table.rows} == by_category(db, kind, start, end)
    assert report.fact("期末结余（村民未用的积分）") == Points(owed_before(db, end))


def test_the_day_has_the_figures_a_person_would_count(shop, played):
    report = reports.make(shop, "daily", "2026-11-04")
    lines = _balance(report)
    # 10 (王晓明) + 15 (张桂兰) awarded; 20 deducted; 5 spent; 5.5 back; 2.5 corrected
    assert lines["加分"] == (5, Points.parse(25))
    assert lines["扣分"] == (1, Points.parse(-20))
    assert lines["退货退分"] == (1, Points.parse("5.5"))
    assert lines["期初结余"][1] == Points.parse(11) and lines["closing"] == Points.parse(19)
    assert not report.empty


@pytest.mark.parametrize(("name", "period", "bounds"), [("daily", "2026-11-04", NOV4),
                                                       ("monthly", "2026-11", NOVEMBER)])
def test_goods_out_match_the_sale_lines_less_refunds(shop, played, name, period, bounds):
    table = reports.make(shop, name, period).table("goods")
    net, points = column(table, "净出库"), column(table, "积分")
    got = {row[0]: (row[net], row[points].hundredths) for row in table.rows}
    assert got == goods_net(shop.db, *bounds)
    assert table.total[points] == Points(sum(v[1] for v in got.values()))


def test_daily_lists_each_operator(shop, played):
    table = reports.make(shop, "daily", "2026-11-04").table("operators")
    sold = dict(shop.db.all("SELECT o.name, COUNT(*) FROM sale s JOIN operator o ON o.id = s.operator_id"
                            " WHERE s.at >= ? AND s.at < ? GROUP BY o.name", NOV4))
    refunded = dict(shop.db.all("SELECT o.name, SUM(f.total) FROM refund f JOIN operator o"
                                " ON o.id = f.operator_id WHERE f.at >= ? AND f.at < ? GROUP BY o.name", NOV4))
    assert {r[0]: r[1] for r in table.rows if r[1]} == sold == {"张晓燕": 1}
    assert {r[0]: r[4].hundredths for r in table.rows if r[4]} == refunded == {"刘建军": 550}


def test_monthly_chart_shows_this_month_per_category(shop, played):
    chart = reports.make(shop, "monthly", "2026-11").charts[0]
    assert chart.labels[-1] == "11月" and len(chart.labels) == 12
    november = {name: values[-1] for name, values in chart.series}
    raw = by_category(shop.db, "award", *NOVEMBER)
    assert november == {name: total / 100 for name, (_, total) in raw.items()}


@pytest.mark.parametrize(("period", "bounds"), [("2026-11", NOVEMBER), ("2026", ("2026-01-01", "2027-01-01"))])
def test_ranking_is_every_households_awards_less_deductions(shop, played, period, bounds):
    table = reports.make(shop, "ranking", period).table("ranking")
    raw = earned_by_house(shop.db, *bounds)
    assert {row[1]: row[3].hundredths for row in table.rows} == raw
    assert [row[0] for row in table.rows] == [1, 2, 3]
    assert [row[3] for row in table.rows] == sorted((row[3] for row in table.rows), reverse=True)
    assert [row[2] for row in table.rows] == ["王**", "张**", "王**"]   # masked, as on the screen


def test_ranking_top_and_large_type(shop, played):
    report = reports.make(shop, "ranking", "2026-11", top=2)
    assert len(report.table("ranking").rows) == 2 and report.large


def test_roster_grades_every_household_by_the_years_score(shop, played):
    shop.db.execute("UPDATE village SET grade_scale = ?", ('[["A", 15], ["B", 0], ["C", -1000]]',))
    shop.__dict__.pop("village", None)
    table = reports.make(shop, "roster", "2026").table("roster")
    raw = earned_by_house(shop.db, "2026-01-01", "2027-01-01")
    expected = {house: "A" if v >= 1500 else "B" if v >= 0 else "C" for house, v in raw.items()}
    assert {row[0]: row[4] for row in table.rows} == expected == {"3组12号": "A", "1组8号": "A", "5组1号": "C"}
    assert {row[0]: row[3].hundredths for row in table.rows} == raw
    grades = reports.make(shop, "roster", "2026").table("grades")
    assert {row[0]: row[2] for row in grades.rows} == {"A": 2, "B": 0, "C": 1}


@pytest.mark.parametrize("whom", [{"resident": "JF000001"}, {"resident": "李秀英"}, {"household": "3组12号"}])
def test_statement_lists_the_accounts_entries_with_running_balance(shop, played, whom):
    report = reports.make(shop, "statement", "2026-11", **whom)
    account = shop.db.scalar("SELECT a.id FROM account a JOIN household h ON h.id = a.household_id"
                             " WHERE h.house_no = '3组12号'")
    raw = [r[0] for r in shop.db.all("SELECT hundredths FROM entry WHERE account_id = ? AND at >= ?"
                                     " AND at < ? ORDER BY at, rowid", (account, *NOVEMBER))]
    table = report.table("statement")
    signed = [(row[4] or Points(0)) - (row[5] or Points(0)) for row in table.rows]
    assert [p.hundredths for p in signed] == raw
    closing = shop.db.scalar("SELECT SUM(hundredths) FROM entry WHERE account_id = ?", (account,))
    assert table.rows[-1][6] == Points(closing) == report.fact("期末余额")
    assert any("香皂" in row[3] and played.soap_receipt in row[3] for row in table.rows)


def test_statement_of_a_month_before_carries_the_balance(shop, played):
    report = reports.make(shop, "statement", "2026-10", resident="JF000001")
    assert report.empty and report.fact("期末余额") == Points(0)
    assert "没有积分变动" in report.notes[0]


@pytest.mark.parametrize(("period", "moment"), [("2026-11-04", "2026-11-05"), ("2026-11", "2026-12-01")])
def test_stock_on_hand_is_the_sum_of_earlier_movements(shop, played, period, moment):
    table = reports.make(shop, "stock", period).table("stock")
    assert rows_by(table, "商品", "库存") == stock_at(shop.db, moment)
    worth = sum(row[4].hundredths * row[5] for row in table.rows)
    assert table.total[6] == Points(worth)


def test_movements_per_product_and_kind(shop, played):
    report = reports.make(shop, "movements", "2026-11")
    table = report.table("movements")
    titles = [c.title for c in table.columns]
    kinds = dict(zip(("入库", "兑换出库", "退货回库", "盘点", "损耗", "调整"),
                     ("receive", "sale", "return", "take", "damage", "adjust")))
    got = {(row[0], kinds[t]): row[i] for row in table.rows for i, t in enumerate(titles) if t in kinds and row[i]}
    assert got == moved(shop.db, *NOVEMBER)
    for row in table.rows:
        assert row[-1] == row[2] + sum(row[3:-1])
    assert len(report.table("moves").rows) == shop.db.scalar(
        "SELECT COUNT(*) FROM stock_move WHERE at >= ? AND at < ?", NOVEMBER)


def test_roster_says_what_each_grade_brings_when_the_village_set_it(shop, played):
    from kiosk.core.grades import Grade

    if "perks" not in Grade.__dataclass_fields__:
        pytest.skip("grades have no perks in this version")
    shop.db.execute("UPDATE village SET grade_scale = ?",
                    ('[["A", 15, "节日慰问品、免费农机"], ["B", 0, ""], ["C", -1000, ""]]',))
    shop.__dict__.pop("village", None)
    grades = reports.make(shop, "roster", "2026").table("grades")
    assert grades.columns[-1].title == "待遇"
    assert grades.rows[0] == ("A", Points.parse(15), 2, "节日慰问品、免费农机")
