"""Quantities: whole counts of goods, measured amounts (hours, m², mu) for rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.core.errors import Refused

MAX_GOODS_COUNT = 999
_MEASURE = re.compile(r"^\s*([0-9]{1,9})(?:\.([0-9]{1,2}))?\s*$")
_WHOLE = re.compile(r"^\s*([+-]?)([0-9]+)\s*$")


def whole_number(value: object) -> int:
    """An int from typed text in ASCII digits; anything else is refused, never a crash."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise Refused("qty_not_whole", qty=str(value)[:20])
    match = _WHOLE.match(str(value))
    if not match:
        raise Refused("qty_not_whole", qty=str(value)[:20])
    sign, digits = match.groups()
    if len(digits.lstrip("0")) > 9:
        raise Refused("qty_absurd", qty=str(value)[:20], most=MAX_GOODS_COUNT)
    return -int(digits) if sign == "-" else int(digits)


def goods_count(value: object) -> int:
    """A count of goods: a whole number from 1 to 999."""
    count = whole_number(value)
    if count <= 0:
        raise Refused("qty_not_positive", qty=str(value))
    if count > MAX_GOODS_COUNT:
        raise Refused("qty_absurd", qty=str(value), most=MAX_GOODS_COUNT)
    return count


@dataclass(frozen=True, order=True, slots=True)
class Measure:
    """A measured amount in hundredths (1.5 hours == Measure(150))."""

    hundredths: int

    @classmethod
    def parse(cls, value: object) -> Measure:
        text = str(value).strip()[:40]
        match = _MEASURE.match(text)
        if not match:
            if text.startswith("-") or text in ("0", "0.0", "0.00"):
                raise Refused("qty_not_positive", qty=text)
            raise Refused("qty_not_number", qty=text)
        whole, frac = match.groups()
        hundredths = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
        if hundredths <= 0:
            raise Refused("qty_not_positive", qty=text)
        return cls(hundredths)

    def is_whole(self) -> bool:
        return self.hundredths % 100 == 0

    def __str__(self) -> str:
        whole, frac = divmod(self.hundredths, 100)
        return str(whole) if frac == 0 else f"{whole}.{frac:02d}".rstrip("0")


ONE = Measure(100)
