"""When to try the township again: exponential backoff with full jitter, capped.

Pure: the random draw comes in as `draw` (0 ≤ draw < 1), so tests pin it. Many village
PCs coming back online at once spread out instead of knocking together.
"""

from __future__ import annotations

BASE_SECONDS = 60.0
CAP_SECONDS = 30 * 60.0
NORMAL_SECONDS = 5 * 60.0


def ceiling(failures: int, base: float = BASE_SECONDS, cap: float = CAP_SECONDS) -> float:
    """The longest wait after `failures` failures in a row: base·2^(n-1), never above cap."""
    if failures <= 0:
        return 0.0
    return min(cap, base * (2 ** min(failures - 1, 32)))


def next_wait(failures: int, draw: float, *, normal: float = NORMAL_SECONDS, base: float = BASE_SECONDS,
              cap: float = CAP_SECONDS) -> float:
    """Seconds until the next try: the normal period when all is well, otherwise a jittered
    wait between base/2 and the ceiling (never zero, so a dead server is not hammered)."""
    if not 0.0 <= draw < 1.0:
        raise ValueError("draw must be in [0, 1)")
    if failures <= 0:
        return normal
    top = ceiling(failures, base, cap)
    floor = min(base / 2, top)
    return floor + (top - floor) * draw
