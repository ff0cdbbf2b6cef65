"""The short code a slip prints for a link of the books' chain: `12345:7KQ2-M9XD-4HRT`.

The 12 characters are the first 60 bits of the link hash in Crockford's base32 (no I, L,
O or U; read back, O is 0 and I or L is 1), in groups of four; the number before them is
the link's position in the chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class Anchor:
    position: int
    code: str           # 12 characters, no dashes

    def __str__(self) -> str:
        return f"{self.position}:{grouped(self.code)}"


def code_of(link_hash: str) -> str:
    bits = int(link_hash[:15], 16)  # 60 bits
    return "".join(ALPHABET[(bits >> shift) & 31] for shift in range(55, -1, -5))


def grouped(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def parse(text: str) -> Anchor | None:
    """`12345:7KQ2-M9XD-4HRT` (any separators, any case) as an Anchor; None if it is not one."""
    match = re.fullmatch(r"\s*(\d+)\s*[:：#/ ]\s*([0-9A-Za-z\- ]+?)\s*", text or "")
    if not match:
        return None
    code = re.sub(r"[\s\-]", "", match.group(2)).upper().translate(_READ_AS)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code) or int(match.group(1)) < 1:
        return None
    return Anchor(int(match.group(1)), code)


def anchor_of(position: int, link_hash: str) -> Anchor:
    return Anchor(position, code_of(link_hash))
