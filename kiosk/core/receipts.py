"""Receipt numbers (小票号): per terminal, per day, short enough for a 58 mm barcode.

Shown as 261122-01-0007 (date, terminal number, sale of the day); the barcode
carries the 12 digits alone, which Code128 packs into six symbols.
A refund slip is 退261122-01-0007-1 (the first refund of that sale); its barcode is
T + the 12 digits + n in two digits (T26112201000701), printed with 2-dot modules
on 58 mm paper so it fits the 48 mm the head covers.
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


# --- refund slips (退货单): 退261122-01-0007-1, the n-th refund of that sale ---------------

REFUND_MARK = "退"
REFUND_CODE_LETTER = "T"     # Code128 cannot carry 退; the barcode starts with T instead
_REFUND = re.compile(r"^\s*(?:退|T)\s*([0-9]{6})-?([0-9]{2})-?([0-9]{4})(?:-([0-9]{1,2})|([0-9]{1,2}))\s*$",
                     re.IGNORECASE)


def refund_number(sale_number: str, nth: int) -> str:
    """The refund slip's own number as printed: 退 + the sale's number + which refund."""
    return f"{REFUND_MARK}{sale_number}-{nth}"


def parse_refund_number(text: str) -> tuple[str, int] | None:
    """'退261122-01-0007-1', 'T26112201000701' (scanned), '261122-01-0007-1' → (sale, n).

    The printed barcode always carries n as two digits so Code128 packs the digits in
    pairs; a typed T2611220100071 (n as one digit) is read too.
    """
    plain = unicodedata.normalize("NFKC", str(text)).strip()
    if plain[:1] not in (REFUND_MARK, "T", "t"):
        plain = REFUND_MARK + plain
    match = _REFUND.match(plain)
    if not match:
        return None
    nth = int(match[4] or match[5])
    return ("-".join(match.groups()[:3]), nth) if nth > 0 else None


def refund_code(sale_number: str, nth: int) -> str:
    """What the refund slip's barcode carries: T, the sale's 12 digits, n in two digits."""
    return f"{REFUND_CODE_LETTER}{barcode_digits(sale_number)}{nth:02d}"


def scan_code(number: str) -> str:
    """The barcode for any printed number: a sale's digits, or a refund slip's T-code."""
    refund = parse_refund_number(number) if number.startswith(REFUND_MARK) else None
    return refund_code(*refund) if refund else barcode_digits(number)
