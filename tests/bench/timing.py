"""Timing helpers: nanosecond samples → n / p50 / p95 / max in milliseconds; the machine."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from collections.abc import Callable, Iterable
from time import perf_counter_ns


def percentile(sorted_ns: list[int], q: float) -> int:
    """Nearest-rank percentile of already sorted samples."""
    if not sorted_ns:
        return 0
    rank = max(1, -(-len(sorted_ns) * q // 100))  # ceil(n*q/100), at least 1
    return sorted_ns[int(rank) - 1]


def summary(samples_ns: Iterable[int]) -> dict:
    data = sorted(samples_ns)
    ms = lambda ns: round(ns / 1e6, 4)
    return {"n": len(data), "p50_ms": ms(percentile(data, 50)),
            "p95_ms": ms(percentile(data, 95)), "max_ms": ms(data[-1] if data else 0)}


def time_calls(call: Callable[[object], object], args: list, warmup: int = 100) -> dict:
    """Call `call(arg)` for every arg (after `warmup` untimed calls); the timing summary."""
    for arg in args[:warmup]:
        call(arg)
    samples = []
    for arg in args:
        start = perf_counter_ns()
        call(arg)
        samples.append(perf_counter_ns() - start)
    return summary(samples)


def cycle(items: list, n: int) -> list:
    """`n` items taken round-robin from `items`."""
    return [items[i % len(items)] for i in range(n)]


def machine() -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
