"""A report's period as people type it: 2026-11-03, 2026-11, 2026, 本月, last-year …

Never in the future: a period that starts after today is refused, one that holds
today counts up to now.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kiosk.core.errors import Refused
from kiosk.core.periods import Period
from kiosk.documents.period import ReportPeriod

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
