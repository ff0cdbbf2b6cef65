"""The benchmark village: built once, cached beside a small JSON note, copied fresh per run.

The demo village (built through the services) scaled to ≥3,000 residents, then
topped up to 5,000 products and 500,000 ledger entries by `fill`. The result must
pass `kiosk check` before it is cached.
"""

from __future__ import annotations

import gc
import hashlib
import json
import random
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from time import perf_counter

from kiosk.core.clock import SystemClock
from kiosk.services.people import operators
from kiosk.services.audit.check import run_check
from kiosk.services.context import Context
from kiosk.services.setup.demo import build_demo
from kiosk.services.setup.demo_data import load
from kiosk.store.migrations import available, open_database
from tests.bench import fill, topup

DATASET_VERSION = 3   # bump when the recipe below changes: cached copies get rebuilt
HOUSEHOLDS = 850      # the demo makes ~3.6 residents a household: 850 → just over 3,000
RESIDENTS, PRODUCTS, ENTRIES = 3_000, 5_000, 500_000
SEED = 20261122

Log = Callable[[str], None]


def schema_version() -> int:
    return available()[-1].version


def schema_fingerprint() -> str:
    """Changes when any migration file does (they are still edited in place before release)."""
    digest = hashlib.sha256()
    for migration in available():
        digest.update(migration.path.name.encode() + b"\0" + migration.path.read_bytes())
    return digest.hexdigest()[:16]


def default_path() -> Path:
    return Path(tempfile.gettempdir()) / f"kiosk-bench-{schema_version()}.sqlite"


def _note_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _remove(path: Path) -> None:
    for each in (path, *_sidecars(path)):
        each.unlink(missing_ok=True)


def cached_note(path: Path) -> dict | None:
    """The note of a usable cached database at `path`, or None."""
    try:
        note = json.loads(_note_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    expected = {"dataset_version": DATASET_VERSION, "schema": schema_version(),
                "schema_fingerprint": schema_fingerprint(),
                "bytes": path.stat().st_size if path.exists() else None}
    if any(note.get(key) != value for key, value in expected.items()):
        return None
    return note


def ensure(path: Path, rebuild: bool, log: Log) -> dict:
    """A usable cached database at `path` (building it if needed); its note."""
    note = None if rebuild else cached_note(path)
    if note is None and not rebuild and path.exists():
        log(f"{path} is from another recipe or schema: rebuilding")
    if note is not None:
        log(f"reusing {path} (built {note['built_at']} in {note['build_seconds']} s)")
        return {**note, "reused": True}
    note = build(path, log)
    return {**note, "reused": False}


def build(path: Path, log: Log) -> dict:
    """Build the big village into `path` (atomically replacing what is there)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    work = path.with_name(path.name + ".building")
    _remove(work)
    rng = random.Random(SEED)
    data = load()
    phases: dict[str, float] = {}
    started = perf_counter()

    log(f"building the benchmark village at {path} …")
    build_demo(work, seed=SEED, households=HOUSEHOLDS)
    gc.collect()  # the demo's connection goes with its context
    phases["demo"] = perf_counter() - started

    db = open_database(work)
    try:
        manager = data.village["operators"][0]
        actor = operators.login(db, manager["name"], manager["pin"], datetime.now())
        ctx = Context(db, actor, SystemClock())
        mark = perf_counter()
        fill.add_products(ctx, PRODUCTS, rng)
        phases["products"] = perf_counter() - mark
        mark = perf_counter()
        topup.top_up_ledger(ctx, data, ENTRIES, rng)
        phases["entries"] = perf_counter() - mark
        mark = perf_counter()
        report = run_check(db)
        phases["check"] = perf_counter() - mark
        if not report.ok:
            raise SystemExit("benchmark village fails kiosk check:\n" + "\n".join(report.problems))
        counts = {"residents": db.scalar("SELECT COUNT(*) FROM resident"),
                  "households": db.scalar("SELECT COUNT(*) FROM household"),
                  "products": db.scalar("SELECT COUNT(*) FROM product"),
                  "entries": db.scalar("SELECT COUNT(*) FROM entry"),
                  "sales": db.scalar("SELECT COUNT(*) FROM sale"),
                  "audit": db.scalar("SELECT COUNT(*) FROM audit")}
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    if counts["residents"] < RESIDENTS or counts["products"] < PRODUCTS \
            or counts["entries"] < ENTRIES:
        raise SystemExit(f"benchmark village too small: {counts}")
    _remove(path)
    work.replace(path)
    _remove(work)
    seconds = round(perf_counter() - started, 1)
    note = {"dataset_version": DATASET_VERSION, "schema": schema_version(),
            "schema_fingerprint": schema_fingerprint(), **counts,
            "build_seconds": seconds, "build_phases": {k: round(v, 1) for k, v in phases.items()},
            "built_at": datetime.now().isoformat(timespec="seconds"),
            "bytes": path.stat().st_size}
    _note_path(path).write_text(json.dumps(note, ensure_ascii=False, indent=1), encoding="utf-8")
    log(f"built in {seconds} s ({', '.join(f'{k} {v:.1f} s' for k, v in phases.items())}):"
        f" {counts['residents']} residents, {counts['products']} products,"
        f" {counts['entries']} entries, {path.stat().st_size / 2**20:.0f} MiB")
    return note


def working_copy(cache: Path, folder: Path) -> Path:
    """A fresh copy of the cached database to run on (file copy if closed, else backup API)."""
    target = folder / "bench.sqlite"
    _remove(target)
    wal = cache.with_name(cache.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        source = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        shutil.copyfile(cache, target)
    os.sync()  # half a gigabyte of fresh pages would otherwise stall the benchmark's fsyncs
    return target
