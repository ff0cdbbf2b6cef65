"""labels: 400 price labels from the big catalogue into a PDF, as a shop re-labels its shelves.

Timed from choosing the goods (the service's own queries) to the file written and
fsynced, on A4 3×8 sheets (17 pages) and on the 40×30 label printer (400 pages).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from time import perf_counter, process_time

from kiosk.services.shop import labels
from kiosk.services.context import SYSTEM, Context
from kiosk.store.db import Database

LABELS, RUNS, TARGET_S = 400, 3, 3.0
SHEETS = ("3x8", "40x30")


def _print(ctx: Context, sheet: str, target: Path) -> labels.LabelsFile:
    chosen = labels.choose(ctx, all_goods=True)[:LABELS]
    return labels.save_pdf(ctx, chosen, sheet, 0, target)


def _runs(ctx: Context, sheet: str, folder: Path, runs: int) -> dict:
    seconds, cpu, done = [], [], None
    for n in range(runs):
        start, start_cpu = perf_counter(), process_time()
        done = _print(ctx, sheet, folder / f"labels-{sheet}-{n}.pdf")
        seconds.append(round(perf_counter() - start, 3))
        cpu.append(round(process_time() - start_cpu, 3))
    best = min(seconds)
    return {"runs_s": seconds, "cpu_s": cpu, "best_s": best, "labels": done.labels, "pages": done.pages,
            "bytes": done.path.stat().st_size, "target_s": TARGET_S, "ok": best <= TARGET_S}


def bench_labels(db: Database, log=print, runs: int = RUNS) -> dict:
    ctx = Context(db, SYSTEM)
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-labels-"))
    try:
        result = {}
        for sheet in SHEETS:
            log(f"labels: {LABELS} on {sheet}, {runs} runs …")
            result[sheet] = _runs(ctx, sheet, folder, runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result["ok"] = all(result[sheet]["ok"] for sheet in SHEETS)
    return result
