"""Names: pinyin initials for search, cleaning of typed text."""

from __future__ import annotations

import re
import unicodedata

from kiosk.core.errors import Refused
from kiosk.core.glyphs import emoji_in

MAX_NAME = 60
_ZWJ = "\u200d"


def initials(name: str) -> str:
    """'王小明' → 'wxm', '大米 5kg' → 'dm5kg'; other marks and emoji dropped."""
    from pypinyin import Style, lazy_pinyin  # its dictionary takes half a second to load

    letters = []
    for part in lazy_pinyin(name, style=Style.FIRST_LETTER, errors=list):
        letters.extend(ch.lower() for ch in part if ch.isascii() and ch.isalnum())
    return "".join(letters)


def normalise_text(text: object) -> str:
    """NFC, control characters removed, runs of white space made one space.

    Invisible format characters go too, but for the zero-width joiner that holds an
    emoji such as 👨‍👩‍👧 together, so a note is stored and searched as the same text
    (names of people and goods refuse emoji: clean_label_name).
    """
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(ch for ch in text if ch == _ZWJ or unicodedata.category(ch) not in ("Cc", "Cf"))
    return " ".join(text.split())


def clean_name(text: object, what: str = "name") -> str:
    """Normalised text, not empty, at most MAX_NAME characters."""
    text = normalise_text(text)
    if not text:
        raise Refused("name_empty", what=what, example=what)   # say what to type
    if len(text) > MAX_NAME:
        raise Refused("name_too_long", what=what, length=len(text), most=MAX_NAME)
    return text


def clean_label_name(text: object, what: str = "name") -> str:
    """A name of a person or of goods: clean_name, and no emoji.

    Names are printed on receipts, price labels and cards, read out at the counter and
    searched by pinyin initials; an emoji does none of these (rare characters such as
    𠮷 and 䶮 are fine: the printing has a font for them).
    """
    text = clean_name(text, what)
    found = emoji_in(text)
    if found:
        raise Refused("name_emoji", what=what, value=text, emoji=found)
    return text


def house_order(house_no: str) -> tuple:
    """Sort key for house numbers as people count them: 1组2号 before 1组10号."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", house_no))
