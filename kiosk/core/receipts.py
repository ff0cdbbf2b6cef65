"""Receipt numbers (小票号): per terminal, per day, short enough for a 58 mm barcode.

Shown as 261122-01-0007 (date, terminal number, sale of the day); the barcode
carries the 12 digits alone, which Code128 packs into six symbols.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_PATTERN = re.compile(r"^\s*([0-9]{6})-?([0-9]{2})-?([0-9]{4})\s*$")


def receipt_number(day: date, terminal_no: int, nth: int) -> str:
    return f"{day:%y%m%d}-{terminal_no:02d}-{nth:04d}"


def normalise_receipt(text: str) -> str | None:
    """'261122010007' or '261122-01-0007' → '261122-01-0007'; None if neither."""
    match = _PATTERN.match(unicodedata.normalize("NFKC", str(text)))
    return "-".join(match.groups()) if match else None


def barcode_digits(number: str) -> str:
    return number.replace("-", "")
