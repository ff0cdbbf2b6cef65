"""The village's grades (信用等次): thresholds and perks a manager edits, each household's grade."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.core.points import Points
from kiosk.services.points import balances, grades_admin
from kiosk.services.context import Context
from tests.conftest import give
from tests.services._support import assert_english, refuse

STARS = [("五星", "60", "节日礼包、免费农机"), ("四星", "40", "免费有线电视"), ("三星", "20", ""),
         ("二星", "0", ""), ("一星", "", "")]


def test_a_manager_sets_stars_with_perks(shop):
    grades_admin.set_grades(shop, STARS)
    fresh = Context(shop.db, shop.actor, shop.clock)
    assert [(g.label, str(g.minimum), g.perks) for g in grades_admin.grades(fresh)] == [
        ("五星", "60", "节日礼包、免费农机"), ("四星", "40", "免费有线电视"), ("三星", "20", ""),
        ("二星", "0", ""), ("一星", "-100000", "")]
    give(shop, "JF000001", 9)                                    # 45 points this year
    assert balances.standing(fresh, "JF000001").grade == "四星"
    audit = shop.db.one("SELECT before, after FROM audit WHERE action = 'grades.set'")
    assert "AAA" in audit["before"] and "五星" in audit["after"]


def test_each_households_grade_for_a_year(shop, clock):
    grades_admin.set_grades(shop, STARS)
    give(shop, "JF000001", 13)                                   # 65: 五星
    give(shop, "JF000004", 5)                                    # 25: 三星
    found = {g.house_no: (g.score, g.grade, g.perks) for g in grades_admin.household_grades(shop)}
    assert found == {"3组12号": (Points(6500), "五星", "节日礼包、免费农机"),
                     "1组8号": (Points(2500), "三星", ""), "5组1号": (Points(0), "二星", "")}
    clock.set(datetime(2027, 3, 1, 9, 0))
    assert [g.grade for g in grades_admin.household_grades(shop)] == ["二星"] * 3
    assert grades_admin.household_grades(shop, 2026)[0].grade == "五星"
    refuse(shop.db, "grade_year_bad", grades_admin.household_grades, shop, 2028)


@pytest.mark.parametrize("rows, code, words", [
    ([("AAA", "600", ""), ("AA", "700", ""), ("A", "", "")], "grade_order", "从高到低"),
    ([("AAA", "600", ""), ("AA", "600", ""), ("A", "", "")], "grade_order", "从高到低"),
    ([("AAA", "600", ""), ("AAA", "400", ""), ("A", "", "")], "grade_label_twice", "两次"),
    ([("AAA", "600", "")], "grade_count", "2 到 8"),
    ([("AAA", "很多", ""), ("A", "", "")], "grade_minimum_bad", "不是分数"),
    ([("AAA", "600", ""), ("", "10", "x"), ("A", "", "")], "grade_label_empty", "第 2 档"),
    ([("AAA", "", ""), ("A", "", "")], "grade_minimum_bad", "AAA"),
    ([("AAA", "600", "礼" * 101), ("A", "", "")], "grade_perks_long", "太长"),
])
def test_grade_tables_that_make_no_sense_are_refused(shop, rows, code, words):
    exc = refuse(shop.db, code, grades_admin.set_grades, shop, rows)
    assert words in exc.message("zh")
    assert_english(exc)


def test_volunteers_cannot_change_grades(volunteer):
    refuse(volunteer.db, "not_allowed", grades_admin.set_grades, volunteer, STARS)
