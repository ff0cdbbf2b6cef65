"""Display width on a receipt printer: a Chinese character takes two columns.

In Chinese mode the printer prints every multi-byte GB18030 character with its
24-dot Chinese font, so × ： “ are two columns wide too, not just the ideographs.
"""

from __future__ import annotations

import re

from kiosk.core.glyphs import takes_no_room

_TOKEN = re.compile(r"\s+|[\x21-\x7e]+|.", re.DOTALL)


def char_width(char: str) -> int:
    """0 for marks and joiners (and a surrogate pair's second half), 1 for ASCII, else 2.

    Wide CJK, rare ones too (䶮 Ext-A, 𠮷 Ext-B: east_asian_width W), and every other
    non-ASCII character take two: the printer draws them all with its 24-dot Chinese font,
    and a line with emoji goes out as a picture anyway.
    """
    if takes_no_room(char):
        return 0
    if ord(char) < 0x80:
        return 1
    return 2     # GB18030 encodes all non-ASCII in 2 or 4 bytes


def width(text: str) -> int:
    return sum(char_width(c) for c in text)


def ljust(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def rjust(text: str, columns: int) -> str:
    return " " * max(0, columns - width(text)) + text


def center(text: str, columns: int) -> str:
    return " " * max(0, (columns - width(text)) // 2) + text


def _hard_split(token: str, columns: int) -> list[str]:
    parts, current = [], ""
    for char in token:
        if current and width(current + char) > columns:
            parts.append(current)
            current = ""
        current += char
    return parts + [current]


def wrap(text: str, columns: int) -> list[str]:
    """Greedy wrap by display width; Latin words stay whole when they fit a line."""
    lines, current = [], ""
    for token in _TOKEN.findall(text.strip()):
        if width(current + token) <= columns:
            current += token
            continue
        if current.strip():
            lines.append(current.rstrip())
        pieces = _hard_split(token.strip() or "", columns) if width(token) > columns else [token.lstrip()]
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines
