"""Calendar periods for caps and reports: [first day, first day after)."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.core.periods import Period, period_bounds


@pytest.mark.parametrize(
    ("period", "day", "start", "end"),
    [
        (Period.DAY, date(2026, 11, 3), date(2026, 11, 3), date(2026, 11, 4)),
        (Period.DAY, date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 1)),
        (Period.MONTH, date(2026, 11, 3), date(2026, 11, 1), date(2026, 12, 1)),
        (Period.MONTH, date(2026, 12, 31), date(2026, 12, 1), date(2027, 1, 1)),
        (Period.MONTH, date(2028, 2, 29), date(2028, 2, 1), date(2028, 3, 1)),
        (Period.MONTH, date(2026, 1, 1), date(2026, 1, 1), date(2026, 2, 1)),
        (Period.YEAR, date(2026, 11, 3), date(2026, 1, 1), date(2027, 1, 1)),
        (Period.YEAR, date(2026, 12, 31), date(2026, 1, 1), date(2027, 1, 1)),
    ],
)
def test_bounds_hold_the_day_and_end_at_the_next_period(period, day, start, end):
    assert period_bounds(period, day) == (start, end)
    assert start <= day < end


def test_consecutive_months_meet_without_gap_or_overlap():
    day = date(2026, 1, 15)
    for _ in range(24):
        start, end = period_bounds(Period.MONTH, day)
        next_start, _ = period_bounds(Period.MONTH, end)
        assert next_start == end
        day = end


def test_period_codes_are_the_stored_words():
    assert [p.value for p in Period] == ["day", "month", "year"]
    assert Period("month") is Period.MONTH
