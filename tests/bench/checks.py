"""check: `kiosk check` (services.audit.check.run_check) over the whole database."""

from __future__ import annotations

import resource
from time import perf_counter

from kiosk.services.audit.check import run_check
from kiosk.store.db import Database

RUNS, TARGET_S = 3, 3.0


def bench_check(db: Database, log=print, runs: int = RUNS) -> dict:
    log(f"check: run_check, {runs} runs …")
    seconds, cpu, report = [], [], None
    for _ in range(runs):
        start, used = perf_counter(), _cpu()
        report = run_check(db)
        seconds.append(round(perf_counter() - start, 3))
        cpu.append(round(_cpu() - used, 3))   # every thread's: on a shared machine wall time says little
    best = min(seconds)
    return {"runs_s": seconds, "cpu_s": cpu, "best_s": best, "target_s": TARGET_S, "ok": best <= TARGET_S,
            "books_ok": report.ok, "problems": report.problems[:10], "counts": report.counts}


def _cpu() -> float:
    """This process's CPU and its children's once ended (the check forks a second process)."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))
