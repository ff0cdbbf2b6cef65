"""Each counter's own range of card codes, so two counters adding residents offline never
hand out the same code.

Terminal 1 keeps the codes every village has had: JF000001 … JF099999. Terminal n ≥ 2 writes its
number after the prefix: JF200001 … JF299999 for terminal 2, JF1200001 … JF1299999 for terminal
12. A range is the prefix, a lead ("0" for terminal 1, else the number) and five digits; the
leads differ and a lead of two digits makes a longer code, so no two ranges share a code. Codes
outside every range (typed by hand, imported) stay valid; they are just never given out.
"""

from __future__ import annotations

DIGITS = 5
LAST = 10**DIGITS - 1          # 99 999 cards from one counter


def lead(terminal_no: int) -> str:
    if not 1 <= terminal_no <= 99:
        raise ValueError(f"terminal number {terminal_no} is not 1..99")
    return "0" if terminal_no == 1 else str(terminal_no)


def range_glob(prefix: str, terminal_no: int) -> str:
    """A GLOB pattern matching exactly the terminal's range (GLOB lets SQLite walk the index)."""
    return prefix + lead(terminal_no) + "[0-9]" * DIGITS


def code_after(prefix: str, terminal_no: int, highest: str | None) -> str | None:
    """The code following `highest` (the top code of the range in use or retired, or None);
    None when the range is used up."""
    head = prefix + lead(terminal_no)
    used = int(highest[len(head):]) if highest else 0
    if used >= LAST:
        return None
    return f"{head}{used + 1:0{DIGITS}d}"
