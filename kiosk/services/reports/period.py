"""A report's period as people type it: 2026-11-03, 2026-11, 2026, 本月, last-year …

Never in the future: a period that starts after today is refused, one that holds
today counts up to now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.core.errors import Refused
from kiosk.core.periods import Period, period_bounds
from kiosk.i18n import _

_DAY = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$")
_MONTH = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$")
_YEAR = re.compile(r"^(\d{4})年?$")

# Words for "now" and "just before"; the period they name, and how far back.
_WORDS = {
    "today": (Period.DAY, 0), "今天": (Period.DAY, 0), "今日": (Period.DAY, 0),
    "yesterday": (Period.DAY, 1), "昨天": (Period.DAY, 1),
    "month": (Period.MONTH, 0), "this-month": (Period.MONTH, 0), "本月": (Period.MONTH, 0),
    "last-month": (Period.MONTH, 1), "上月": (Period.MONTH, 1), "上个月": (Period.MONTH, 1),
    "year": (Period.YEAR, 0), "this-year": (Period.YEAR, 0), "今年": (Period.YEAR, 0),
    "本年": (Period.YEAR, 0), "last-year": (Period.YEAR, 1), "去年": (Period.YEAR, 1),
}
EXAMPLES = {Period.DAY: "2026-11-03", Period.MONTH: "2026-11", Period.YEAR: "2026"}


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


def _from_words(text: str, today: date) -> ReportPeriod | None:
    if text.lower() not in _WORDS:
        return None
    kind, back = _WORDS[text.lower()]
    day = today
    for _unused in range(back):
        day = ReportPeriod.of(kind, day).start - timedelta(days=1)
    return ReportPeriod.of(kind, day)


def _from_digits(text: str) -> ReportPeriod | None:
    try:
        if match := _DAY.match(text):
            y, m, d, m2, d2 = match.groups()
            if m or m2:
                return ReportPeriod.of(Period.DAY, date(int(y), int(m or m2), int(d or d2)))
        if match := _MONTH.match(text):
            y, m, m2 = match.groups()
            return ReportPeriod.of(Period.MONTH, date(int(y), int(m or m2), 1))
        if match := _YEAR.match(text):
            return ReportPeriod.of(Period.YEAR, date(int(match[1]), 1, 1))
    except ValueError:
        return None     # 2026-13, 2026-02-30, year 0
    return None


def parse_period(text: str | None, today: date, kinds: tuple[Period, ...], default: str,
                 report: str = "") -> ReportPeriod:
    """The period named by `text` (or by `default` when empty), one of `kinds`, not future."""
    shown = str(text).strip() if text not in (None, "") else default
    period = _from_words(shown, today) or _from_digits(shown.replace(" ", ""))
    if period is None:
        raise Refused("report_period_bad", value=shown)
    if period.start > today:
        raise Refused("report_period_future", value=period.text)
    if period.kind not in kinds:
        raise Refused("report_period_kind", report=report, value=shown,
                      examples=" / ".join(EXAMPLES[k] for k in kinds))
    return period
