"""Codes people type or scan (card codes, product codes): one normal form.

A scanner with Caps Lock on, a volunteer typing jf000003, a spreadsheet with
full-width ＪＦ０００００３ or a trailing space: all mean the card JF000003.
"""

from __future__ import annotations

import unicodedata


def normal_code(text: object) -> str:
    """Full-width made plain (NFKC), white space removed, letters upper case."""
    return "".join(unicodedata.normalize("NFKC", str(text or "")).split()).upper()
