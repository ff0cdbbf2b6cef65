"""积分互认 in the day's figures: the shift summary, 日结, 月结 and the stock count a visitor's
exchange on a line of its own (the points came off another village's ledger) and its goods
with everyone else's.

桃源村's counter (tests/sync/test_cross.py): 王小明 of 青石村 takes 2 牙膏 (5 桃源分 each).
"""

from __future__ import annotations

from datetime import date

from kiosk.core.points import Points
from kiosk.services import reports
from kiosk.services.reports import shift
from kiosk.services.shop import checkout
from kiosk.services.sync import cross_village
from tests.sync.test_cross import publish_rate, qingshi, toothpaste, township, villages  # noqa: F401  (fixtures)

DAY = date(2026, 11, 3)


def visitor_takes_toothpaste(villages) -> tuple:  # noqa: F811
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    return here, cross_village.redeem(here, http, visitor, toothpaste(here))


def local_sale_of_soap(here) -> None:
    """One 香皂 (5.5 points) the usual way, on this counter's own books."""
    checkout.redeem_items(here, "JF000001", ["香皂"])


def fact(report, label: str):
    return next((f.value for f in report.facts if f.label == label), None)


def test_the_shift_summary_counts_a_visitors_exchange_on_its_own_line(villages):  # noqa: F811
    here, _sale = visitor_takes_toothpaste(villages)
    day = shift.summary(here, DAY)
    assert (day.cross_sales, day.cross_points) == (1, Points(1000))
    assert day.cross_words == "外村积分兑换 1 单，折合本村 10 分"
    assert (day.sales, day.points) == (0, Points(0)), "the village's own exchanges stay apart"
    assert ("牙膏", 2) in day.goods
    assert shift.summary(here, date(2026, 11, 4)).cross_words == ""


def test_daily_and_monthly_reports_show_the_line_and_the_goods(villages):  # noqa: F811
    here, _sale = visitor_takes_toothpaste(villages)
    for name, period in (("daily", "2026-11-03"), ("monthly", "2026-11")):
        report = reports.make(here, name, period)
        assert not report.empty
        assert fact(report, "外村积分兑换") == "外村积分兑换 1 单，折合本村 10 分", name
        assert fact(report, "出库商品（件）") == 2
        goods = report.table("goods")
        row = next(r for r in goods.rows if r[0] == "牙膏")
        assert (row[2], row[4], row[5]) == (2, 2, Points(1000))
        assert goods.total[-1] == Points(1000)


def test_the_line_stands_beside_the_villages_own_exchanges(villages):  # noqa: F811
    here, _sale = visitor_takes_toothpaste(villages)
    local_sale_of_soap(here)
    report = reports.make(here, "daily", "2026-11-03")
    assert fact(report, "兑换单") == 1 and fact(report, "出库商品（件）") == 3
    assert report.table("goods").total[-1] == Points(1550)
    day = shift.summary(here, DAY)
    assert (day.sales, day.cross_sales) == (1, 1) and dict(day.goods) == {"牙膏": 2, "香皂": 1}


def test_the_stock_report_has_the_goods_gone(villages):  # noqa: F811
    here, _sale = visitor_takes_toothpaste(villages)
    report = reports.make(here, "stock", "2026-11-03")
    row = next(r for r in report.table("stock").rows if r[1] == "牙膏")
    assert row[5] == 1
    movements = reports.make(here, "movements", "2026-11-03")
    assert any("牙膏" in str(r) and -2 in r for t in movements.tables for r in t.rows)
