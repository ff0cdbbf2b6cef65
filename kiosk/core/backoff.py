"""When to try the township again: exponential backoff with full jitter, capped.

Pure: the random draw comes in as `draw` (0 ≤ draw < 1), so tests pin it. Many village
PCs coming back online at once spread out instead of knocking together. The same for a
county's counters that all start at once (the power back after a cut, the shops opening at
eight): the first round waits a stable offset of the terminal's own (`first_wait`), and the
normal period is jittered by ±NORMAL_JITTER, so counters never stay in step with each other.
"""

from __future__ import annotations

import hashlib

BASE_SECONDS = 60.0
CAP_SECONDS = 30 * 60.0
NORMAL_SECONDS = 5 * 60.0
NORMAL_JITTER = 0.1                   # the normal period is 270 to 330 s
FIRST_SECONDS, FIRST_SPREAD_SECONDS = 15.0, 60.0   # the first round: 15 to 75 s after the start


def first_wait(terminal: str, first: float = FIRST_SECONDS, spread: float = FIRST_SPREAD_SECONDS) -> float:
    """Seconds from the counter's start to its first round: `first` plus an offset in [0, spread)
    that is the terminal's own (from its id), the same at every start, different between terminals."""
    fraction = int.from_bytes(hashlib.sha256(terminal.encode("utf-8")).digest()[:8], "big") / 2**64
    return first + spread * fraction


def ceiling(failures: int, base: float = BASE_SECONDS, cap: float = CAP_SECONDS) -> float:
    """The longest wait after `failures` failures in a row: base·2^(n-1), never above cap."""
    if failures <= 0:
        return 0.0
    return min(cap, base * (2 ** min(failures - 1, 32)))


def next_wait(failures: int, draw: float, *, normal: float = NORMAL_SECONDS, base: float = BASE_SECONDS,
              cap: float = CAP_SECONDS) -> float:
    """Seconds until the next try: the normal period ±NORMAL_JITTER when all is well (draw 0.5:
    exactly the period), otherwise a jittered wait between base/2 and the ceiling (never zero, so
    a dead server is not hammered)."""
    if not 0.0 <= draw < 1.0:
        raise ValueError("draw must be in [0, 1)")
    if failures <= 0:
        return normal * (1 - NORMAL_JITTER + 2 * NORMAL_JITTER * draw)
    top = ceiling(failures, base, cap)
    floor = min(base / 2, top)
    return floor + (top - floor) * draw
