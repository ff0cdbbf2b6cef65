"""When points expire: a yearly reset date, or N months after earning, spent oldest first.

Pure arithmetic over one account's ledger in time order. Every credit (award,
refund, a transfer or adjustment in) is a lot with the day it was earned; every
debit (redeem, deduction, expiry, a transfer or adjustment out) uses up the oldest
lots first. What is left of a lot whose expiry day has come is due to expire.

A debit larger than every lot left (an overdraft merged from two counters) is a
debt that the next credits pay first, so what is left in the lots never exceeds
the balance, and expired + spent never exceeds earned.
"""

from __future__ import annotations

import calendar
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Policy(StrEnum):
    NONE = "none"        # points never expire
    YEARLY = "yearly"    # the spendable balance is reset every year on a date
    MONTHS = "months"    # each lot expires N months after it was earned


@dataclass(frozen=True)
class Rule:
    policy: Policy
    reset_month: int = 1
    reset_day: int = 10
    months: int = 12

    @classmethod
    def of(cls, policy: str, reset_date: str = "01-10", months: int = 12) -> Rule:
        month, day = (int(part) for part in reset_date.split("-"))
        return cls(Policy(policy), month, day, int(months))

    def expires_on(self, earned: date) -> date:
        if self.policy is Policy.YEARLY:
            return next_reset_after(earned, self.reset_month, self.reset_day)
        if self.policy is Policy.MONTHS:
            return add_months(earned, self.months)
        return date.max

    def period(self, today: date) -> str | None:
        """The period a run on `today` belongs to (runs once each); None: nothing to run."""
        if self.policy is Policy.YEARLY:
            return last_reset_on_or_before(today, self.reset_month, self.reset_day).isoformat()
        if self.policy is Policy.MONTHS:
            return today.isoformat()
        return None

    def next_run(self, today: date) -> date | None:
        """The next day anything can newly fall due (None when points never expire)."""
        if self.policy is Policy.YEARLY:
            return next_reset_after(today, self.reset_month, self.reset_day)
        if self.policy is Policy.MONTHS:
            return date.fromordinal(today.toordinal() + 1)
        return None


def _on(year: int, month: int, day: int) -> date:
    """The day in that month, or its last day (a reset on 02-29 falls on 02-28 in other years)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_reset_after(day: date, month: int, reset_day: int) -> date:
    this_year = _on(day.year, month, reset_day)
    return this_year if this_year > day else _on(day.year + 1, month, reset_day)


def last_reset_on_or_before(day: date, month: int, reset_day: int) -> date:
    this_year = _on(day.year, month, reset_day)
    return this_year if this_year <= day else _on(day.year - 1, month, reset_day)


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return _on(day.year + index // 12, index % 12 + 1, day.day)


@dataclass(frozen=True)
class Lot:
    earned: date
    left: int            # hundredths not yet spent or expired
    expires: date


def live_lots(movements: Iterable[tuple[date, int]], expires_on: Callable[[date], date]) -> list[Lot]:
    """The lots still holding points after every movement, oldest first.

    `movements` are (day, hundredths) in the order they were posted."""
    lots: deque[list] = deque()
    debt = 0
    for day, amount in movements:
        if amount > 0:
            paid = min(debt, amount)
            debt -= paid
            if amount > paid:
                lots.append([day, amount - paid])
        elif amount < 0:
            debt += _use_oldest(lots, -amount)
    return [Lot(day, left, expires_on(day)) for day, left in lots]


def _use_oldest(lots: deque, amount: int) -> int:
    """Take `amount` from the oldest lots; returns what no lot could cover."""
    while amount and lots:
        oldest = lots[0]
        taken = min(oldest[1], amount)
        oldest[1] -= taken
        amount -= taken
        if not oldest[1]:
            lots.popleft()
    return amount


def due(lots: Iterable[Lot], today: date) -> int:
    """Hundredths whose expiry day has come."""
    return sum(lot.left for lot in lots if lot.expires <= today)


def due_between(lots: Iterable[Lot], after: date, until: date) -> int:
    """Hundredths that will expire after `after` and on or before `until`."""
    return sum(lot.left for lot in lots if after < lot.expires <= until)
