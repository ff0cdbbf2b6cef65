"""The expiry arithmetic: lots, oldest first, reset dates and month ends."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.core.expiry import (
    Policy,
    Rule,
    add_months,
    due,
    due_between,
    live_lots,
    next_reset_after,
)

D = date


def test_spending_takes_the_oldest_lot_first():
    rule = Rule(Policy.MONTHS, months=2)
    lots = live_lots([(D(2026, 1, 5), 1000), (D(2026, 2, 5), 1000), (D(2026, 2, 20), -1500)],
                     rule.expires_on)
    assert [(lot.earned, lot.left, lot.expires) for lot in lots] == [(D(2026, 2, 5), 500, D(2026, 4, 5))]
    assert due(lots, D(2026, 4, 4)) == 0 and due(lots, D(2026, 4, 5)) == 500
    assert due_between(lots, D(2026, 3, 6), D(2026, 4, 5)) == 500


def test_an_overdraft_is_paid_by_the_next_earnings():
    lots = live_lots([(D(2026, 1, 1), 500), (D(2026, 1, 2), -800), (D(2026, 1, 3), 1000)],
                     Rule(Policy.MONTHS, months=1).expires_on)
    assert [lot.left for lot in lots] == [700]


def test_earlier_expiries_count_as_spent():
    rule = Rule(Policy.YEARLY, 1, 10)
    moves = [(D(2025, 6, 1), 1000), (D(2026, 1, 10), -1000), (D(2026, 3, 1), 200)]
    assert due(live_lots(moves, rule.expires_on), D(2026, 12, 31)) == 0


@pytest.mark.parametrize(("day", "reset"), [(D(2026, 1, 9), D(2026, 1, 10)), (D(2026, 1, 10), D(2027, 1, 10)),
                                            (D(2026, 11, 3), D(2027, 1, 10))])
def test_a_lot_lasts_until_the_next_reset_after_it(day, reset):
    assert next_reset_after(day, 1, 10) == reset


def test_periods_and_next_runs():
    yearly = Rule.of("yearly", "01-10")
    assert yearly.period(D(2026, 1, 9)) == "2025-01-10" and yearly.period(D(2026, 1, 10)) == "2026-01-10"
    assert yearly.next_run(D(2026, 11, 3)) == D(2027, 1, 10)
    assert Rule.of("months", months=3).period(D(2026, 11, 3)) == "2026-11-03"
    assert Rule.of("none").period(D(2026, 11, 3)) is None


def test_month_ends_and_leap_days():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2026, 5, 15), 12) == D(2027, 5, 15)
    assert next_reset_after(D(2026, 3, 1), 2, 29) == D(2027, 2, 28)
