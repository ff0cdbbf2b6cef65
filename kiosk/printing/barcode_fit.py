"""How wide a Code128 bar may be so the whole code fits the paper.

A sale's 12 digits fit 58 mm paper at the paper's own 3-dot module; a refund slip's
T-code (T + 14 digits, 134 modules) does not, so it prints at the widest whole-dot
module that fits the head with both quiet zones: 2 dots (0.25 mm) on 58 mm.
"""

from __future__ import annotations

from functools import lru_cache

from kiosk.printing.paper import QUIET_MODULES, Paper


@lru_cache(maxsize=256)
def code_modules(data: str) -> str:
    """Code128 (code set C for digit pairs) as '1' bar / '0' space modules."""
    from barcode import Code128

    return Code128(data).build()[0]


def module_dots(paper: Paper, data: str) -> int:
    """The paper's module, or the widest narrower whole-dot module that still fits."""
    fitting = paper.dots // (len(code_modules(data)) + 2 * QUIET_MODULES)
    return max(1, min(paper.module_dots, fitting))


def escpos_code128(data: str) -> str:
    """What ESC/POS CODE128 takes: '{C' and digit pairs, or '{B' letters then '{C' pairs.

    ESC/POS reads code set C data as values, not ASCII: sending '2611' as text
    would print the pairs 50 54 49 49.
    """
    letters = data.rstrip("0123456789")
    digits = data[len(letters):]
    if len(digits) % 2 or not digits or not letters.isascii():
        if letters:
            return "{B" + data
        raise ValueError(f"code set C needs an even number of digits: {data!r}")
    pairs = "{C" + "".join(chr(int(digits[i:i + 2])) for i in range(0, len(digits), 2))
    return ("{B" + letters if letters else "") + pairs
