"""Yearly grades kept at year end, and rankings by 组 (issue 16)."""

from __future__ import annotations

from datetime import datetime

from kiosk.services import reports
from kiosk.services.points import awards, grades_admin
from kiosk.services.setup import settings


def test_a_years_grades_are_stored_when_it_ends_and_later_thresholds_do_not_rewrite_them(shop, clock):
    shop.db.execute("UPDATE village SET grade_scale = ?", ('[["A", 10], ["B", 0]]',))
    shop.__dict__.pop("village", None)
    awards.award(shop, "JF000001", "hjqs", "2")                      # 3组12号: 10 points in 2026
    clock.set(datetime(2027, 1, 2, 9, 0))
    assert grades_admin.store_year_end(shop) == 3
    assert grades_admin.store_year_end(shop) == 0                     # once
    shop.db.execute("UPDATE village SET grade_scale = ?", ('[["A", 100], ["B", 0]]',))   # later, stricter
    shop.__dict__.pop("village", None)
    kept = {g.house_no: g.grade for g in grades_admin.household_grades(shop, 2026)}
    assert kept["3组12号"] == "A"
    roster = reports.make(shop, "roster", "2026").table("roster")
    assert {row[0]: row[4] for row in roster.rows}["3组12号"] == "A"


def test_without_a_stored_year_the_grades_follow_the_thresholds(shop, clock):
    shop.db.execute("UPDATE village SET grade_scale = ?", ('[["A", 10], ["B", 0]]',))
    shop.__dict__.pop("village", None)
    awards.award(shop, "JF000001", "hjqs", "2")
    clock.set(datetime(2027, 1, 2, 9, 0))
    shop.db.execute("UPDATE village SET grade_scale = ?", ('[["A", 100], ["B", 0]]',))
    shop.__dict__.pop("village", None)
    assert {g.house_no: g.grade for g in grades_admin.household_grades(shop, 2026)}["3组12号"] == "B"


def test_the_ranking_lists_groups_as_well_as_households(shop):
    settings.change(shop, {"points.backdate_months": "1"})
    awards.award(shop, "JF000001", "hjqs", "2")                      # 3组: 10
    awards.award(shop, "JF000003", "hjqs")                           # 5组: 5
    awards.award(shop, "JF000004", "hjqs", "3")                      # 1组: 15
    groups = reports.make(shop, "ranking", "2026-11").table("groups")
    assert [(row[0], row[1], row[2], str(row[3])) for row in groups.rows] == [
        (1, "1组", 1, "15"), (2, "3组", 1, "10"), (3, "5组", 1, "5")]
