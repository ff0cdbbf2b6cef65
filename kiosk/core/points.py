"""Exact points: integer hundredths of a point, never a float."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TEXT = re.compile(r"^\s*([+-])?(\d{1,12})(?:\.(\d{1,2}))?\s*$")


class BadPoints(ValueError):
    """Text that is not a points amount with at most two decimals."""


@dataclass(frozen=True, order=True, slots=True)
class Points:
    hundredths: int

    def __post_init__(self) -> None:
        if type(self.hundredths) is not int:
            raise TypeError("Points holds an int of hundredths, never a float")

    @classmethod
    def parse(cls, text: str | int) -> Points:
        """'12', '12.5', '-0.25' or an int of whole points."""
        if isinstance(text, (bool, float)):
            raise BadPoints(str(text))  # a float is never exact enough to be points
        if isinstance(text, int):
            return cls(text * 100)
        match = _TEXT.match(str(text))
        if not match:
            raise BadPoints(str(text))
        sign, whole, frac = match.groups()
        value = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
        return cls(-value if sign == "-" else value)

    @classmethod
    def zero(cls) -> Points:
        return cls(0)

    def __add__(self, other: Points) -> Points:
        return Points(self.hundredths + other.hundredths)

    def __sub__(self, other: Points) -> Points:
        return Points(self.hundredths - other.hundredths)

    def __neg__(self) -> Points:
        return Points(-self.hundredths)

    def __mul__(self, count: int) -> Points:
        if type(count) is not int:
            raise TypeError("multiply points by a whole count only")
        return Points(self.hundredths * count)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.hundredths != 0

    def is_negative(self) -> bool:
        return self.hundredths < 0

    def __str__(self) -> str:
        """Trailing zeros trimmed: 12, 12.5, 12.25, -0.5."""
        sign = "-" if self.hundredths < 0 else ""
        whole, frac = divmod(abs(self.hundredths), 100)
        if frac == 0:
            return f"{sign}{whole}"
        return f"{sign}{whole}.{frac:02d}".rstrip("0")

    def signed(self) -> str:
        """'+12.5' or '-3': how a history line shows a change."""
        return f"+{self}" if self.hundredths > 0 else str(self)


def total(amounts) -> Points:
    return Points(sum(p.hundredths for p in amounts))
