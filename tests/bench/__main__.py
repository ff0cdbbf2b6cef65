"""`python -m tests.bench [NAME ...] [--json] [--keep PATH] [--rebuild] [--profile]`.

Builds (or reuses) the big benchmark village, copies it fresh, runs the named
benchmarks on the copy and prints their figures: a table, or one JSON object.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

from kiosk.store.migrations import open_database
from tests.bench import dataset, township_report
from tests.bench.catalogue import bench_catalogue
from tests.bench.chain_cost import bench_chain
from tests.bench.checks import bench_check
from tests.bench.counter import bench_receipt, bench_scan, bench_startup
from tests.bench.imports import bench_imports
from tests.bench.labels import bench_labels
from tests.bench.lookups import bench_barcode, bench_lookup
from tests.bench.redeem import bench as bench_redeem
from tests.bench.report import table
from tests.bench.reports import bench_reports
from tests.bench.timing import machine
from tests.bench.township import bench_township

BENCHMARKS = {"redeem": bench_redeem, "lookup": bench_lookup, "barcode": bench_barcode,
              "check": bench_check, "scan": bench_scan, "startup": bench_startup,
              "receipt": bench_receipt, "reports": bench_reports, "labels": bench_labels,
              "catalogue": bench_catalogue, "imports": bench_imports, "township": bench_township,
              "chain": bench_chain}
OWN_DATA = {"township"}   # these build their own data: run alone, they skip the village database


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"benchmarks to run: {', '.join(BENCHMARKS)} (default: all)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", type=Path, default=None, metavar="PATH",
                        help=f"where the big database is cached (default {dataset.default_path()})")
    parser.add_argument("--rebuild", action="store_true", help="build the cached database anew")
    parser.add_argument("--profile", action="store_true",
                        help="run under cProfile; print the top functions on stderr")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite",
                        help="township: postgresql runs push and idle sync on SQLite and PostgreSQL side by side")
    args = parser.parse_args(argv)
    os.environ["KIOSK_BENCH_BACKEND"] = args.backend
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    return args


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _profiled(name: str, run, *args):
    profile = cProfile.Profile()
    result = profile.runcall(run, *args)
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text).strip_dirs()
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)
    log(f"--- profile of {name} ---\n{text.getvalue()}")
    return result


def _without_village(names: list[str], args: argparse.Namespace) -> dict:
    """Benchmarks that build their own data: no village database to build or copy."""
    result = {"machine": machine()}
    for name in names:
        run = BENCHMARKS[name]
        result[name] = _profiled(name, run, None, log) if args.profile else run(None, log)
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    names = [n for n in BENCHMARKS if n in args.names] or list(BENCHMARKS)
    if set(names) <= OWN_DATA:
        result = _without_village(names, args)
        result["ok"] = all(result[n]["ok"] for n in names)
        print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else township_report.table(result))
        return 0
    cache = (args.keep or dataset.default_path()).resolve()
    note = dataset.ensure(cache, args.rebuild, log)
    result = {"machine": machine(), "dataset": {"path": str(cache), **note}}
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-run-", dir=cache.parent))
    try:
        db = open_database(dataset.working_copy(cache, folder))
        try:
            for name in names:
                run = BENCHMARKS[name]
                result[name] = _profiled(name, run, db, log) if args.profile else run(db, log)
        finally:
            db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result["ok"] = all(result[n]["ok"] for n in names)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
