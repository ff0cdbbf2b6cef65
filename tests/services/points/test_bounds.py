"""Bounds on points (issue 16): per award, per month, and how far back a date may go."""

from __future__ import annotations

import pytest

from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape
from kiosk.services.people import operators
from kiosk.services.points import activity, awards, rules
from kiosk.services.setup import settings
from tests.services._points_admin import books_stay_balanced, township_limit
from tests.services._support import assert_english, balance_of, refuse
from tests.services._vouched import vouched_manager

pytestmark = pytest.mark.usefixtures(books_stay_balanced.__name__)


@pytest.fixture
def mu_rule(shop):
    rules.add_rule(shop, Rule("lxzz", "林下种植", "公共参与", Shape.PER_MU, Points.parse(5)))
    return "lxzz"


def test_744_mu_on_a_per_mu_rule_is_refused_naming_the_limit(shop, mu_rule):
    exc = refuse(shop.db, "qty_over_rule_most", awards.award, shop, "JF000001", mu_rule, "744")
    assert "林下种植" in exc.message("zh") and "一次最多记 50" in exc.message("zh")
    assert_english(exc)
    assert awards.award(shop, "JF000001", mu_rule, "50").points == Points.parse(250)


def test_a_rule_sets_its_own_largest_quantity(shop, mu_rule):
    rules.edit_rule(shop, mu_rule, max_qty=Measure.parse("8"))
    refuse(shop.db, "qty_over_rule_most", awards.award, shop, "JF000001", mu_rule, "8.5")
    assert awards.award(shop, "JF000001", mu_rule, "8").points == Points.parse(40)
    refuse(shop.db, "rule_max_qty_bad", rules.edit_rule, shop, "hjqs", max_qty=Measure.parse("2.5"))


def test_a_whole_activity_is_refused_when_one_quantity_is_past_the_limit(shop):
    refuse(shop.db, "qty_over_rule_most", activity.record, shop, "zyfw", [("JF000001", 4), ("JF000004", 200)])


def test_the_townships_limit_per_award_is_kept(shop):
    rules.add_rule(shop, Rule("jyyw", "见义勇为", "崇德向善", Shape.FIXED, Points.parse(100)))
    township_limit(shop.db, 100)
    exc = refuse(shop.db, "award_beyond_township", awards.award, shop, "JF000001", "jyyw", "4")
    assert "一次记分最多 300 分" in exc.message("zh") and "见义勇为" in exc.message("zh")
    assert_english(exc)
    assert awards.award(shop, "JF000001", "jyyw", "3").points == Points.parse(300)


def test_backdating_before_last_month_is_refused(shop):
    exc = refuse(shop.db, "date_too_early", awards.award, shop, "JF000001", "hjqs", day="1999-01-01")
    assert "2026-10-01" in exc.message("zh")
    assert_english(exc)
    refuse(shop.db, "date_too_early", awards.award, shop, "JF000001", "hjqs", day="2026-09-30")
    refuse(shop.db, "date_too_early", activity.record, shop, "hjqs", [("JF000001", 1)], day="2026-09-30")
    assert awards.award(shop, "JF000001", "hjqs", day="2026-10-01").status == "posted"


def test_the_backdating_window_is_a_setting(shop):
    settings.change(shop, {"points.backdate_months": "0"})
    refuse(shop.db, "date_too_early", awards.award, shop, "JF000001", "hjqs", day="2026-10-31")
    settings.change(shop, {"points.backdate_months": "12"})
    assert awards.award(shop, "JF000001", "hjqs", day="2025-11-01").status == "posted"


def test_caps_apply_to_the_month_the_activity_falls_in(shop):
    awards.award(shop, "JF000004", "zyfw", "160", day="2026-10-15")     # October's 40
    refuse(shop.db, "cap_reached", awards.award, shop, "JF000004", "zyfw", "4", day="2026-10-31")
    assert awards.award(shop, "JF000004", "zyfw", "4").points == Points.parse(1)   # November


def test_adjustments_past_the_months_limit_need_a_second_manager(shop):
    awards.adjust(shop, "JF000001", "+100", "工作补贴")
    exc = refuse(shop.db, "adjust_month_needs_second", awards.adjust, shop, "JF000001", "+100", "工作补贴")
    assert "本月已经调整过 100 分" in exc.message("zh") and "另一位管理员" in exc.message("zh")
    assert_english(exc)
    refuse(shop.db, "adjust_month_needs_second", awards.adjust, shop, "李秀英", "-1", "更正")  # same household
    assert awards.adjust(shop, "JF000004", "+100", "工作补贴").points == Points.parse(100)   # another account
    vouched_manager(shop, "王秀兰", "1379")         # her own PIN, confirmed by the township's clerk
    second = operators.second_manager(shop, "王秀兰", "1379")
    awards.adjust(second, "JF000001", "+100", "工作补贴")
    assert balance_of(shop, "JF000001") == 200_00


def test_a_manager_just_added_cannot_lift_the_months_limit_for_the_one_who_added_him(shop):
    """回避's sock puppet: the manager who chose the new manager's PIN may know it."""
    awards.adjust(shop, "JF000001", "+100", "工作补贴")
    operators.add_operator(shop, "赵六", "manager", "6060")
    puppet = operators.second_manager(shop, "赵六", "6060")
    exc = refuse(shop.db, "adjust_month_second_not_apart", awards.adjust, puppet, "JF000001", "+100", "工作补贴")
    assert "赵六不能替" in exc.message("zh") and "乡镇" in exc.message("zh")
    assert_english(exc)
    assert balance_of(shop, "JF000001") == 100_00
