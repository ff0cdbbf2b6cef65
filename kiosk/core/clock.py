"""Clocks: the real one, and a fake that tests and the demo builder move by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)


class FixedClock:
    """Stands still until moved; `tick` adds a step on every read when set."""

    def __init__(self, at: datetime, tick: timedelta = timedelta(0)) -> None:
        self.at = at
        self.tick = tick

    def now(self) -> datetime:
        current = self.at
        self.at += self.tick
        return current

    def set(self, at: datetime) -> None:
        self.at = at

    def advance(self, **kwargs: float) -> None:
        self.at += timedelta(**kwargs)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def day_text(day: date) -> str:
    return day.isoformat()
