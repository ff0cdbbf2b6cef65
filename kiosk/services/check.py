"""`kiosk check`: the books prove themselves.

Cached balances equal the sums of entries; cached stock equals the sums of
movements; every sale adds up; the sync journal has no gaps; the audit chain
is whole; SQLite's own quick check passes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from kiosk.core.points import Points
from kiosk.store import audit, goods, journal, ledger, sales
from kiosk.store.db import Database, connect


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def run_check(db: Database) -> CheckReport:
    report = CheckReport()
    quick = _quick_check_alongside(db)
    for table in ("entry", "account", "stock_move", "sale", "audit"):
        report.counts[table] = db.scalar(f"SELECT COUNT(*) FROM {table}")
    for row in ledger.cache_mismatches(db):
        summed = "—" if row["summed"] is None else Points(row["summed"])
        report.problems.append(
            f"余额缓存不符 balance cache differs: account {row['account_id']}"
            f" cached {Points(row['cached'])} ≠ ledger {summed}")
    for row in goods.stock_mismatches(db):
        report.problems.append(
            f"库存缓存不符 stock cache differs: {row['name']} cached {row['cached']}"
            f" ≠ movements {row['summed']}")
    for receipt in sales.sales_not_whole(db):
        report.problems.append(f"兑换单不完整 sale does not add up: {receipt}")
    for terminal in journal.gaps(db.conn):
        report.problems.append(f"同步序号有缺口 journal has gaps: terminal {terminal}")
    broken = audit.verify_chain(db.conn)
    if broken:
        report.problems.append(f"操作记录被改动 audit chain broken at row {broken.seq}: {broken.problem}")
    quick.join()
    if quick.result != "ok":
        report.problems.append(f"SQLite quick_check: {quick.result}")
    return report


class _QuickCheck(threading.Thread):
    """SQLite's own page check on a second connection: it runs while Python hashes the
    audit chain (SQLite lets go of the GIL while it reads)."""

    def __init__(self, path) -> None:
        super().__init__(daemon=True)
        self.path, self.result = path, "not run"

    def run(self) -> None:
        try:
            conn = connect(self.path)
            try:
                self.result = conn.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                conn.close()
        except Exception as exc:  # reported as a problem, never a crash
            self.result = str(exc)


def _quick_check_alongside(db: Database) -> _QuickCheck:
    thread = _QuickCheck(db.path)
    if str(db.path) == ":memory:":  # no file for a second connection: check it here
        thread.result = db.scalar("PRAGMA quick_check")
        thread.run = lambda: None
    thread.start()
    return thread
