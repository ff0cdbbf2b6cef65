"""Calendar periods for caps, reports and expiry (local dates, no time zones)."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class Period(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def period_bounds(period: Period, day: date) -> tuple[date, date]:
    """First day of the period holding `day`, and the first day after it."""
    if period is Period.DAY:
        return day, day + timedelta(days=1)
    if period is Period.MONTH:
        start = day.replace(day=1)
        end = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return start, end
    return date(day.year, 1, 1), date(day.year + 1, 1, 1)
