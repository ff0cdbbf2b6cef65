"""Points that expire: a yearly reset that keeps the honour score, or N months after earning, oldest first."""

from __future__ import annotations

from datetime import datetime

from kiosk.core.points import Points
from kiosk.services.points import balances, expiry, grades_admin
from kiosk.services.setup import settings
from kiosk.services.shop import checkout
from kiosk.services.audit.check import run_check
from tests.conftest import give
from tests.services._support import balance_of, refuse


def expired_entries(ctx) -> list[tuple[int, str]]:
    return [(r[0], r[1]) for r in ctx.db.all("SELECT hundredths, note FROM entry WHERE kind = 'expire'"
                                             " ORDER BY rowid")]


def test_points_that_never_expire(shop):
    give(shop, "JF000001", 2)
    done = expiry.run_due(shop)
    assert done.period is None and done.total == Points(0)
    assert shop.db.scalar("SELECT COUNT(*) FROM expiry_run") == 0
    assert expiry.status(shop).next_run is None


def test_a_yearly_reset_empties_the_balance_and_keeps_the_grade(shop, clock):
    settings.change(shop, {"expiry.policy": "yearly", "expiry.reset_date": "01-10"})
    give(shop, "JF000001", 4)                                       # 20 points in November
    checkout.redeem_items(shop, "JF000001", ["香皂"])                 # 5.5 spent
    assert expiry.run_due(shop).total == Points(0)                   # period 2026-01-10: nothing older
    clock.set(datetime(2027, 1, 10, 8, 0))
    assert expiry.status(shop).due_now == Points.parse("14.5")
    done = expiry.run_due(shop)
    assert (done.period, done.accounts, done.total) == ("2027-01-10", 1, Points.parse("14.5"))
    assert balance_of(shop, "JF000001") == 0
    assert expired_entries(shop) == [(-1450, "积分每年清零（2027-01-10）")]
    assert [g.score for g in grades_admin.household_grades(shop, 2026) if g.house_no == "3组12号"] == [
        Points.parse(20)]                                            # the honour score stays
    assert run_check(shop.db).ok


def test_running_twice_in_a_period_posts_once(shop, clock):
    settings.change(shop, {"expiry.policy": "yearly", "expiry.reset_date": "01-10"})
    give(shop, "JF000001", 2)
    clock.set(datetime(2027, 2, 1, 8, 0))
    first, second = expiry.run_due(shop), expiry.run_due(shop)
    assert first.total == Points.parse(10) and (second.already, second.total) == (True, Points(0))
    clock.set(datetime(2027, 3, 1, 8, 0))
    give(shop, "JF000001", 1)                                         # earned after the reset
    assert expiry.run_due(shop).already
    assert len(expired_entries(shop)) == 1 and balance_of(shop, "JF000001") == 500
    assert shop.db.scalar("SELECT COUNT(*) FROM expiry_run") == 1
    assert shop.db.scalar("SELECT COUNT(*) FROM audit WHERE action = 'expiry.run'") == 1


def test_points_expire_months_after_earning_spent_oldest_first(shop, clock):
    settings.change(shop, {"expiry.policy": "months", "expiry.months": "2"})
    give(shop, "JF000001", 2)                                         # A: 10 on 2026-11-03
    clock.set(datetime(2026, 12, 1, 9, 0))
    give(shop, "JF000001", 2)                                         # B: 10 on 2026-12-01
    checkout.redeem_items(shop, "JF000001", ["香皂", "香皂", "牙膏"])    # 16 spent: A gone, B has 4
    clock.set(datetime(2027, 1, 3, 9, 0))                            # A's day: nothing of A is left
    assert expiry.run_due(shop).total == Points(0)
    status = expiry.status(shop)
    assert (status.due_now, status.soon, status.ran_this_period) == (Points(0), Points(400), True)
    clock.set(datetime(2027, 2, 1, 9, 0))                            # B's day
    assert expiry.run_due(shop).total == Points(400)
    assert balance_of(shop, "JF000001") == 0 and run_check(shop.db).ok


def test_a_late_run_catches_up_and_later_earnings_stay(shop, clock):
    settings.change(shop, {"expiry.policy": "months", "expiry.months": "1"})
    give(shop, "JF000004", 1)                                         # 5 on 2026-11-03
    clock.set(datetime(2027, 3, 1, 9, 0))
    give(shop, "JF000004", 1)                                         # 5 on 2027-03-01
    assert expiry.run_due(shop).total == Points(500)
    assert balance_of(shop, "JF000004") == 500


def test_only_a_manager_or_the_counter_runs_it(volunteer):
    refuse(volunteer.db, "not_allowed", expiry.run_due, volunteer)
    assert expiry.status(volunteer).rule.policy == "none"


def test_the_standing_shows_the_year_score_after_a_reset(shop, clock):
    settings.change(shop, {"expiry.policy": "yearly", "expiry.reset_date": "01-10"})
    give(shop, "JF000004", 3)
    clock.set(datetime(2026, 12, 31, 9, 0))
    before = balances.standing(shop, "JF000004")
    clock.set(datetime(2027, 1, 10, 0, 5))
    expiry.run_due(shop)
    clock.set(datetime(2026, 12, 31, 9, 0))
    after = balances.standing(shop, "JF000004")
    assert (before.year_score, after.year_score, after.grade) == (Points(1500), Points(1500), before.grade)
    assert after.balance == Points(0)
