"""Dates typed by people: 2026-11-03, 2026/11/3, 20261103; never in the future."""

from __future__ import annotations

import re
from datetime import date

from kiosk.core.errors import Refused

_DATE = re.compile(r"^\s*(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?\s*$")


def parse_day(text: str | date | None, today: date) -> date:
    if text is None or text == "":
        return today
    if isinstance(text, date):
        day = text
    else:
        match = _DATE.match(str(text))
        try:
            day = date(*map(int, match.groups())) if match else None
        except ValueError:
            day = None
        if day is None:
            raise Refused("date_bad", value=text)
    if day > today:
        raise Refused("date_future", value=day.isoformat())
    return day
