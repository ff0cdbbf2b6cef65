"""imports: the big village's 5,000 goods exported, 500 prices changed in the sheet, imported.

The way a shop changes prices: `product export`, edit in Excel, `product import
--preview`, then `product import`. Times the preview (every row checked, all rolled
back) and the commit (500 price changes with their history, 4,500 rows unchanged).
Target: each ≤ 30 s for 5,000 rows on the reference machine.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from time import perf_counter

from openpyxl import load_workbook

from kiosk.core.clock import SystemClock
from kiosk.services.setup import imports
from kiosk.services.shop import catalogue_export, catalogue_import
from kiosk.services.context import Actor, Context, Role
from kiosk.store.db import Database

CHANGES, TARGET_S, SEED = 500, 30.0, 11


def _manager(db: Database) -> Context:
    row = db.one("SELECT id, name FROM operator WHERE role = 'manager' LIMIT 1")
    return Context(db, Actor(row["name"], Role.MANAGER, row["id"]), SystemClock())


def _changed_prices(path: Path, count: int) -> int:
    """Raises `count` prices (village goods only: township prices are not the village's)."""
    book = load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    price, source = header.index("积分"), header.index("来源")
    rows = [r for r in sheet.iter_rows(min_row=2) if r[source].value == "本村"]
    for row in random.Random(SEED).sample(rows, min(count, len(rows))):
        row[price].value = round(float(row[price].value) + 1, 2)
    book.save(path)
    return min(count, len(rows))


def bench_imports(db: Database, log=print) -> dict:
    ctx = _manager(db)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-import-") as folder:
        path = Path(folder) / "goods.xlsx"
        start = perf_counter()
        rows = catalogue_export.export_products(ctx, path)
        exported = perf_counter() - start
        changed = _changed_prices(path, CHANGES)
        log(f"imports: {rows} goods exported in {exported:.1f} s; {changed} prices changed …")
        start = perf_counter()
        preview = imports.preview_products(ctx, path)
        previewed = perf_counter() - start
        start = perf_counter()
        done = imports.commit_products(ctx, path)
        committed = perf_counter() - start
    updates = done.count(catalogue_import.UPDATE)
    log(f"imports: preview {previewed:.1f} s ({preview.count(catalogue_import.UPDATE)} changes),"
        f" commit {committed:.1f} s ({updates} updated)")
    return {"rows": rows, "price_changes": updates, "export_s": round(exported, 2),
            "preview_s": round(previewed, 2), "commit_s": round(committed, 2),
            "target_s": TARGET_S, "ok": updates == changed and max(previewed, committed) <= TARGET_S}
