"""Names: pinyin initials for search, cleaning of typed text."""

from __future__ import annotations

import unicodedata

from pypinyin import Style, lazy_pinyin

from kiosk.core.errors import Refused

MAX_NAME = 60


def initials(name: str) -> str:
    """'王小明' → 'wxm'; letters and digits kept; emoji and marks dropped."""
    letters = []
    for part in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore"):
        letters.extend(ch.lower() for ch in part if ch.isascii() and ch.isalnum())
    return "".join(letters)


def clean_name(text: str, what: str = "name") -> str:
    """Trimmed single-spaced text, no control characters, at most MAX_NAME characters."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split())
    if not text:
        raise Refused("name_empty", what=what)
    if len(text) > MAX_NAME:
        raise Refused("name_too_long", what=what, length=len(text), most=MAX_NAME)
    return text
