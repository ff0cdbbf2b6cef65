"""The rule catalogue (积分标准): add, edit, retire; township rules read-only; the township's limit."""

from __future__ import annotations

import json

import pytest

from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape
from kiosk.services.points import awards, rules
from tests.services._points_admin import books_balance, books_stay_balanced, township_limit
from tests.services._support import assert_english, balance_of, refuse

pytestmark = pytest.mark.usefixtures(books_stay_balanced.__name__)


def rule(code="jyxc", name="议事建言被采纳", points="10", **terms) -> Rule:
    return Rule(code, name, terms.pop("category", "公共参与"), terms.pop("shape", Shape.FIXED),
                Points.parse(points), **terms)


def test_a_village_rule_is_added_and_listed_with_its_owner(shop):
    rules.add_rule(shop, rule(cap=Points.parse(30), cap_period=Period.YEAR))
    found = {c.rule.code: c for c in rules.catalogue(shop)}
    assert found["jyxc"].owner == "village" and not found["jyxc"].read_only
    assert found["jyxc"].rule.cap == Points.parse(30)
    assert "公共参与" in rules.categories(shop)


@pytest.mark.parametrize(("points", "code", "words"), [
    ("0", "rule_zero_points", "不能为 0"), ("5000", "rule_absurd_points", "太大"),
    ("-1001", "rule_absurd_points", "太大")])
def test_a_rule_worth_zero_or_absurd_points_is_refused(shop, points, code, words):
    exc = refuse(shop.db, code, rules.add_rule, shop, rule(points=points))
    assert words in exc.message("zh")
    assert_english(exc)


def test_a_village_rule_beyond_the_township_limit_is_refused(shop):
    township_limit(shop.db, 2)          # 文登: a village's own items are worth at most 2 points
    exc = refuse(shop.db, "rule_beyond_township", rules.add_rule, shop, rule(points="5"))
    zh = exc.message("zh")
    assert "议事建言被采纳" in zh and "每次 5 分" in zh and "最多 2 分" in zh, zh
    assert_english(exc)
    assert rules.add_rule(shop, rule(points="2")).points == Points.parse(2)
    refuse(shop.db, "rule_beyond_township", rules.add_rule, shop, rule("kf_x", "乱扔", "-3"))
    refuse(shop.db, "rule_beyond_township", rules.edit_rule, shop, "jyxc", points=Points.parse(3))


def test_the_default_township_limit_is_100(shop):
    assert rules.township_most(shop) == Points.parse(100)
    rules.add_rule(shop, rule("ddzf", "带动群众增收致富", "100"))
    refuse(shop.db, "rule_beyond_township", rules.add_rule, shop, rule("big", "大奖", "101"))


def test_a_township_rule_cannot_be_edited_or_retired_in_the_village(shop):
    rules.add_rule(shop, rule("ts_ljfl", "垃圾分类（乡镇标准）", "150"), owner="township")  # beyond the village limit
    exc = refuse(shop.db, "rule_township_read_only", rules.edit_rule, shop, "ts_ljfl", points=Points.parse(5))
    assert "乡镇统一" in exc.message("zh") and "垃圾分类" in exc.message("zh")
    assert_english(exc)
    refuse(shop.db, "rule_township_read_only", rules.retire_rule, shop, "垃圾分类（乡镇标准）")
    assert rules.catalogue(shop)[0].read_only


def test_editing_a_rule_changes_what_it_gives_from_now_on_only(shop):
    first = awards.award(shop, "JF000004", "hjqs")
    edited = rules.edit_rule(shop, "hjqs", points=Points.parse(8), category="人居环境")
    assert edited.points == Points.parse(8) and edited.category == "人居环境"
    assert awards.award(shop, "JF000004", "hjqs").points == Points.parse(8)
    kept = shop.db.scalar("SELECT hundredths FROM entry WHERE id = ?", (first.id,))
    assert kept == 500                                           # the old entry keeps its 5
    assert balance_of(shop, "JF000004") == 1300
    books_balance(shop.db)


def test_a_rule_edit_is_audited_with_before_and_after(shop):
    rules.edit_rule(shop, "zyfw", points=Points.parse(2), unit=Measure(100), cap=None, cap_period=None)
    row = shop.db.one("SELECT * FROM audit WHERE action = 'rule.edit'")
    before, after = json.loads(row["before"]), json.loads(row["after"])
    assert (before["points"], before["unit"], before["cap"]) == ("1", "4", "40")
    assert (after["points"], after["unit"], after["cap"]) == ("2", "1", None)
    assert row["operator_name"] == "刘建军"


def test_an_edit_that_changes_nothing_is_said_so(shop):
    refuse(shop.db, "rule_edit_nothing", rules.edit_rule, shop, "hjqs", points=Points.parse(5))


def test_a_bad_edit_leaves_the_rule_as_it_was(shop):
    refuse(shop.db, "rule_zero_points", rules.edit_rule, shop, "hjqs", points=Points(0))
    refuse(shop.db, "rule_cap_incomplete", rules.edit_rule, shop, "hjqs", cap=Points.parse(10))
    refuse(shop.db, "rule_doubling_not_deduction", rules.edit_rule, shop, "hjqs", doubles_within_days=30)
    refuse(shop.db, "rule_doubling_days_bad", rules.edit_rule, shop, "kf_dubo", doubles_within_days=0)


def test_a_volunteer_may_not_change_rules(volunteer):
    refuse(volunteer.db, "not_allowed", rules.edit_rule, volunteer, "hjqs", points=Points.parse(6))
    refuse(volunteer.db, "not_allowed", rules.add_rule, volunteer, rule())


def test_retiring_twice_says_it_is_retired_already(shop):
    rules.retire_rule(shop, "hjqs")
    refuse(shop.db, "rule_retired", rules.retire_rule, shop, "hjqs")
    assert not {c.rule.code: c for c in rules.catalogue(shop)}["hjqs"].rule.active


def test_a_rule_typed_into_the_form(shop):
    typed = rules.rule_from_text(code="lxzz", name="林下种植", category="公共参与", shape="per_mu",
                                 points="5", unit="1", cap="", cap_period="", doubles="")
    assert rules.add_rule(shop, typed).shape is Shape.PER_MU
    form = {"code": "x", "name": "x", "category": "x", "shape": "fixed"}
    refuse(shop.db, "points_bad", lambda: rules.rule_from_text(**form, points="五分"))
    refuse(shop.db, "qty_not_whole", lambda: rules.rule_from_text(**form, points="-5", doubles="一年"))
