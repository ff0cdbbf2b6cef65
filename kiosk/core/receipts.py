"""Receipt numbers (小票号): per terminal, per day, short enough for a 58 mm barcode.

Shown as 261122-01-0007 (date, terminal number, sale of the day); the barcode
carries the 12 digits alone, which Code128 packs into six symbols.
"""

from __future__ import annotations

import re
from datetime import date

_PATTERN = re.compile(r"^\s*(\d{6})-?(\d{2})-?(\d{4})\s*$")


def receipt_number(day: date, terminal_no: int, nth: int) -> str:
    return f"{day:%y%m%d}-{terminal_no:02d}-{nth:04d}"


def normalise_receipt(text: str) -> str | None:
    """'261122010007' or '261122-01-0007' → '261122-01-0007'; None if neither."""
    match = _PATTERN.match(text)
    return "-".join(match.groups()) if match else None


def barcode_digits(number: str) -> str:
    return number.replace("-", "")
