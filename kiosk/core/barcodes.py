"""Retail barcodes: EAN-13 / UPC-A / EAN-8 check digits and in-store codes (prefix 2)."""

from __future__ import annotations

import re

from kiosk.core.errors import Refused

_RETAIL = re.compile(r"^(?:[0-9]{8}|[0-9]{12,13})$")

IN_STORE_PREFIX = "2"


def check_digit(body: str) -> str:
    """GS1 check digit for the digits before it (weights 3,1,3,… from the right)."""
    weighted = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - weighted % 10) % 10)


def normalise(code: str) -> str:
    """A scanned or typed retail barcode, validated; UPC-A becomes its EAN-13 form."""
    code = code.strip()
    if not _RETAIL.match(code):
        raise Refused("barcode_bad_format", code=code[:40])
    if code[-1] != check_digit(code[:-1]):
        raise Refused("barcode_bad_check_digit", code=code, expected=check_digit(code[:-1]))
    return "0" + code if len(code) == 12 else code


def in_store_code(number: int) -> str:
    """The `number`-th in-store EAN-13: 2 + ten digits + check digit."""
    if not 0 < number < 10**11:
        raise ValueError(number)
    body = f"{IN_STORE_PREFIX}{number:011d}"
    return body + check_digit(body)


def looks_like_barcode(text: str) -> bool:
    return bool(_RETAIL.match(text.strip()))
