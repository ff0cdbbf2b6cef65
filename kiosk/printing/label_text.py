"""Fitting a product name into a label: wrap to two lines, shrink, and cut with … only
when even the smallest size cannot hold it. Sizes in points."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from kiosk.printing.fonts import REPORTLAB_NAME
from kiosk.printing.glyph_runs import needs_fallback
from kiosk.printing.pdf_text import text_width

LEADING = 1.2           # line pitch as a multiple of the font size
STEP = 0.5
ELLIPSIS = "…"
# Latin words, numbers and sizes stay whole ("5kg", "550ml×24"); CJK breaks anywhere.
_TOKEN = re.compile(r"[0-9A-Za-z.,%+\-/×*#&'’]+|\s+|.", re.DOTALL)
# Chinese typesetting: these never begin a line.
_NO_LINE_START = set("，。、；：！？）》」』】,.;:!?)%")


@dataclass(frozen=True)
class Block:
    size: float
    lines: tuple[str, ...]


@lru_cache(maxsize=65536)
def width(text: str, font: str, size: float) -> float:
    """Width in points; a name with characters the main font lacks is measured run by run."""
    if font == REPORTLAB_NAME and needs_fallback(text):
        return text_width(text, size)
    return stringWidth(text, font, size)


def _tokens(text: str, font: str, size: float, room: float) -> list[str]:
    tokens = []
    for token in _TOKEN.findall(text):
        if not token.isspace() and width(token, font, size) > room:
            tokens.extend(token)        # a run too long for a line breaks between letters
        else:
            tokens.append(token)
    return tokens


def _hand_down(line: str) -> tuple[str, str]:
    """Split off the end of `line` that goes down with a mark that may not start a line:
    the last character, and any such marks just before it."""
    cut = len(line) - 1
    while cut > 1 and line[cut] in _NO_LINE_START:
        cut -= 1
    return line[:cut].rstrip(), line[cut:]


def wrap(text: str, font: str, size: float, room: float) -> list[str]:
    """Greedy lines no wider than `room`."""
    lines, line = [], ""
    for token in _tokens(text, font, size, room):
        if token.isspace():
            line += " " if line else ""
            continue
        candidate = line + token
        if not line or width(candidate, font, size) <= room:
            line = candidate
        elif token in _NO_LINE_START and len(line.rstrip()) > 1:
            kept, moved = _hand_down(line.rstrip())
            lines.append(kept)
            line = moved + token
        else:
            lines.append(line.rstrip())
            line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _balanced(text: str, font: str, size: float, room: float, lines: list[str]) -> list[str]:
    """The same number of lines, as even as they go: no lone character on the last line."""
    if len(lines) < 2:
        return lines
    narrow, wide = room / len(lines), room
    while wide - narrow > 0.5:
        middle = (narrow + wide) / 2
        if len(wrap(text, font, size, middle)) <= len(lines):
            wide = middle
        else:
            narrow = middle
    return wrap(text, font, size, wide)


def _cut(lines: list[str], keep: int, font: str, size: float, room: float) -> tuple[str, ...]:
    """The first `keep` lines, the last ending in … to say there was more."""
    last = lines[keep - 1]
    while last and width(last + ELLIPSIS, font, size) > room:
        last = last[:-1].rstrip()
    return (*lines[:keep - 1], last + ELLIPSIS)


@lru_cache(maxsize=8192)
def fit(text: str, font: str, largest: float, smallest: float, room: float, height: float,
        max_lines: int = 2) -> Block:
    """The largest size at which `text` fits `room` wide and `height` tall in ≤ max_lines."""
    size = largest
    while size > smallest:
        lines = wrap(text, font, size, room)
        if len(lines) <= max_lines and len(lines) * size * LEADING <= height:
            return Block(size, tuple(_balanced(text, font, size, room, lines)))
        size -= STEP
    size = min(smallest, height / LEADING)
    keep = max(1, min(max_lines, int(height // (size * LEADING))))
    lines = wrap(text, font, size, room)
    if len(lines) <= keep:
        return Block(size, tuple(lines))
    return Block(size, _cut(lines, keep, font, size, room))


def scale_to(parts: list[tuple[str, float]], font: str, room: float) -> float:
    """A scale (≤ 1) for text pieces at their sizes so that side by side they fit `room`."""
    total = sum(width(text, font, size) for text, size in parts)
    return 1.0 if total <= room else room / total
