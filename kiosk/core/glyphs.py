"""What kind of character a character is: a Han ideograph (common or rare), an emoji,
a mark that takes no room. Pure: no fonts, no printer.

Emoji are what phones show as pictures: the pictograph planes (U+1F000–U+1FAFF), the
older symbols that show as emoji by default (⌚ ☔ ⭐ ✅ …), and any character asked to
show as one (followed by U+FE0F), keycaps and tag sequences. ★ © ® ™ on their own are
ordinary text and stay allowed.
"""

from __future__ import annotations

import unicodedata

_PICTOGRAPH_PLANES = (0x1F000, 0x1FAFF)
_EMOJI_PRESENTATION_BMP = (
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE),
    (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
    (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E),
    (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
)
EMOJI_STYLE, KEYCAP = "\ufe0f", "\u20e3"
_TAGS = (0xE0020, 0xE007F)
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


def _within(code: int, ranges) -> bool:
    return any(low <= code <= high for low, high in ranges)


def is_emoji_char(ch: str) -> bool:
    """A character that shows as a picture on its own (😀 🍚 ⭐), or joins one (keycap, tag)."""
    code = ord(ch)
    return (_within(code, (_PICTOGRAPH_PLANES, _TAGS)) or _within(code, _EMOJI_PRESENTATION_BMP)
            or ch in (EMOJI_STYLE, KEYCAP))


def emoji_in(text: str) -> str:
    """The emoji in the text, in order ('' when none): ☀ counts only as ☀️ (with U+FE0F)."""
    found = []
    for i, ch in enumerate(text):
        if ch in (EMOJI_STYLE, KEYCAP, "\u200d"):
            continue
        if is_emoji_char(ch):
            found.append(ch)
        elif text[i + 1:i + 2] == EMOJI_STYLE:         # ☀️, and 1️⃣ with its keycap
            found.append(text[i:i + 2] + (KEYCAP if text[i + 2:i + 3] == KEYCAP else ""))
    return "".join(found)


def is_han(ch: str) -> bool:
    """A Chinese character, common (王) or rare (䶮 in Ext-A, 𠮷 in Ext-B and later)."""
    return _within(ord(ch), _HAN)


def takes_no_room(ch: str) -> bool:
    """Combining marks, joiners, variation selectors and a surrogate pair's second half."""
    return (unicodedata.category(ch) in ("Mn", "Me", "Cf") or unicodedata.combining(ch) > 0
            or 0xFE00 <= ord(ch) <= 0xFE0F or 0xDC00 <= ord(ch) <= 0xDFFF)
