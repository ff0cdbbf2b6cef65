"""`kiosk check`: the books prove themselves.

Cached balances equal the sums of entries; cached stock equals the sums of
movements; every sale adds up; the sync journal has no gaps; the audit chain
is whole; SQLite's own quick check passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.points import Points
from kiosk.store import audit, goods, journal, ledger, sales
from kiosk.store.db import Database


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def run_check(db: Database) -> CheckReport:
    report = CheckReport()
    for table in ("entry", "account", "stock_move", "sale", "audit"):
        report.counts[table] = db.scalar(f"SELECT COUNT(*) FROM {table}")
    quick = db.scalar("PRAGMA quick_check")
    if quick != "ok":
        report.problems.append(f"SQLite quick_check: {quick}")
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
    return report
