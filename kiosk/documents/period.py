"""A report's period: a day, a month or a year, as the report's title and file names say it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.core.periods import Period, period_bounds
from kiosk.i18n import _


@dataclass(frozen=True)
class ReportPeriod:
    kind: Period
    start: date
    end: date          # the first day after the period

    @classmethod
    def of(cls, kind: Period, day: date) -> ReportPeriod:
        return cls(kind, *period_bounds(kind, day))

    @property
    def text(self) -> str:
        """'2026-11-03', '2026-11' or '2026': how the period is typed, and file names."""
        return {Period.DAY: self.start.isoformat(), Period.MONTH: self.start.isoformat()[:7],
                Period.YEAR: str(self.start.year)}[self.kind]

    @property
    def label(self) -> str:
        """'2026年11月3日', '2026年11月', '2026年' (English: '3 Nov 2026' …)."""
        s = self.start
        if self.kind is Period.DAY:
            return _("{year}年{month}月{day}日").format(year=s.year, month=s.month, day=s.day, value=s.strftime('%b %Y'))
        if self.kind is Period.MONTH:
            return _("{year}年{month}月").format(year=s.year, month=s.month, month_name=s.strftime("%b"))
        return _("{year}年").format(year=s.year)

    @property
    def bounds(self) -> tuple[str, str]:
        """Start and end as text to compare with the ledger's times ('2026-11-01 …')."""
        return self.start.isoformat(), self.end.isoformat()

    def holds(self, day: date) -> bool:
        return self.start <= day < self.end

    def months(self) -> list[ReportPeriod]:
        """The months of a year, or the twelve months up to and including a month or day."""
        last = date(self.start.year, 12, 1) if self.kind is Period.YEAR else self.start.replace(day=1)
        months, day = [], last
        for _unused in range(12):
            months.append(ReportPeriod.of(Period.MONTH, day))
            day = (day - timedelta(days=1)).replace(day=1)
        return months[::-1]
