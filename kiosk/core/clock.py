"""Clocks: the real one, and a fake that tests and the demo builder move by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
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


def parsed_stamp(text: object) -> datetime | None:
    """What `stamp` wrote (extra characters after the seconds ignored); None when it is not one."""
    try:
        return None if not text else datetime.strptime(str(text)[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def township_local(text: object) -> datetime | None:
    """The township's stamp (UTC, "…T…Z") as this PC's local time; None when it is not one."""
    try:
        moment = datetime.strptime(str(text), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return moment.astimezone().replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return None


def day_text(day: date) -> str:
    return day.isoformat()
