"""Bad input to the reports: a plain message, the database untouched, never a crash."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.services import reports
from tests.conftest import fingerprint
from tests.services._support import assert_english, refuse
from tests.services.reports_scene import play_november


@pytest.fixture
def played(shop):
    play_november(shop)
    return shop


def test_unknown_report_name_lists_the_real_ones(played):
    exc = refuse(played.db, "report_unknown", reports.make, played, "weekly")
    assert "没有叫“weekly”的报表" in exc.message("zh") and "monthly" in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize(("name", "period"), [("daily", "2026-11-21"), ("monthly", "2026-12"),
                                             ("ranking", "2027"), ("daily", "2030-01-01")])
def test_a_period_in_the_future_is_refused(played, name, period):
    exc = refuse(played.db, "report_period_future", reports.make, played, name, period)
    assert "还没到" in exc.message("zh") and period in exc.message("zh")
    assert_english(exc)


def test_today_and_this_month_are_not_the_future(played):
    assert reports.make(played, "daily", "2026-11-20").period.text == "2026-11-20"
    assert reports.make(played, "monthly", "本月").period.text == "2026-11"
    assert reports.make(played, "ranking", "last-year").period.text == "2025"


@pytest.mark.parametrize("period", ["2026-13", "2026-02-30", "11月", "soon", "20261", "2026-11-03-01"])
def test_an_unreadable_period_says_how_to_write_one(played, period):
    exc = refuse(played.db, "report_period_bad", reports.make, played, "monthly", period)
    assert "2026-11" in exc.message("zh") and period in exc.message("zh")


@pytest.mark.parametrize(("name", "period"), [("daily", "2026-11"), ("roster", "2026-11"),
                                             ("monthly", "2026-11-03")])
def test_a_period_of_the_wrong_length_says_which_will_do(played, name, period):
    exc = refuse(played.db, "report_period_kind", reports.make, played, name, period)
    assert name in exc.message("zh") and "这样" in exc.message("zh")
    assert_english(exc)


def test_unknown_resident_and_household(played):
    exc = refuse(played.db, "resident_unknown", reports.make, played, "statement", "2026-11",
                 resident="赵无此人")
    assert "赵无此人" in exc.message("zh")
    exc = refuse(played.db, "household_unknown", reports.make, played, "statement", "2026-11",
                 household="9组99号")
    assert "9组99号" in exc.message("zh")
    refuse(played.db, "resident_ambiguous", reports.make, played, "statement", "2026-11", resident="wxm")


def test_a_statement_needs_to_know_whose(played):
    exc = refuse(played.db, "report_needs_whom", reports.make, played, "statement", "2026-11")
    assert "对账单要说明是谁的" in exc.message("zh")


def test_only_a_manager_sees_reports(played, volunteer):
    exc = refuse(played.db, "not_allowed", reports.make, volunteer, "monthly")
    assert exc.message("zh") == "张晓燕（志愿者）不能查看报表。请找管理员。"


@pytest.mark.parametrize("name", ["daily", "monthly", "ranking", "roster", "stock", "movements"])
def test_an_empty_period_says_so_plainly(played, name):
    period = {"daily": "2026-10-15", "roster": "2019", "ranking": "2026-10", "stock": "2019-05"}
    before = fingerprint(played.db)
    report = reports.make(played, name, period.get(name, "2026-10"))
    assert report.empty and report.notes and ("没有" in report.notes[0])
    assert fingerprint(played.db) == before


def test_an_empty_month_still_shows_what_is_owed(played):
    report = reports.make(played, "monthly", "2026-10")
    assert report.fact("期末结余（村民未用的积分）") == Points(0)
    report = reports.make(played, "daily", "2026-11-19")
    assert report.empty and report.fact("期初结余") == report.fact("期末结余（村民未用的积分）") == Points.parse(19)


def test_unknown_file_format_and_a_folder_that_cannot_be_written(played, tmp_path):
    report = reports.make(played, "monthly")
    with pytest.raises(Refused) as info:
        reports.save(report, "doc", tmp_path / "x.doc")
    assert info.value.code == "report_format_unknown" and "pdf、csv 或 xlsx" in info.value.message("zh")
    with pytest.raises(Refused) as info:
        reports.save(report, "", tmp_path / "x")
    assert info.value.code == "report_format_unknown"
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(Refused) as info:
        reports.save(report, "pdf", blocker / "r.pdf")
    assert info.value.code == "report_not_saved" and "没有存下来" in info.value.message("zh")
    assert not list(tmp_path.glob("**/*.tmp"))
