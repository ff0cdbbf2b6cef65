"""`kiosk check`: the books prove themselves.

Cached balances equal the sums of entries; cached stock equals the sums of
movements; every sale adds up; the sync journal has no gaps; the books' chain
(kiosk/store/chain.py) is whole and every record and audit row still says what
it said when it was chained; SQLite's own quick check passes.

The record checks run on a second connection while the first recomputes the
chain's links; once done, the second takes part in the links too, a few blocks at a
time (chain_verify.SharedWalk), so both CPUs of a counter PC stay busy to the end:
SQLite lets go of the GIL while it reads and hashlib while it hashes a block.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from kiosk.core.chain_code import Anchor
from kiosk.core.points import Points
from kiosk.services.audit import chain_check
from kiosk.core.errors import Refused
from kiosk.store import books, chain_verify, goods, journal, ledger, sales
from kiosk.store.db import Database, connect

TABLES_COUNTED = ("entry", "account", "stock_move", "sale", "audit", "chain")


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)     # printed codes that still hold

    @property
    def ok(self) -> bool:
        return not self.problems


def run_check(db: Database, against: list[Anchor] = ()) -> CheckReport:
    """Every check; `against` are codes printed on slips (kiosk/core/chain_code.py)."""
    if chain_verify.unsealed(db.conn):
        try:
            with db.write():  # seals chain rows written outside the program's transactions
                pass
        except Refused:  # a read-only copy: its unsealed tail is reported below
            pass
    with books.whole_file_mapped(db.conn):
        shared = chain_check.shared_walk(db.conn, list(against))
        sql_side = _SqlChecks(db, shared)
        sql_side.start()
        shared.take_part(db.conn)
        sql_side.join()
        link_problems, held = chain_check.links(db.conn, list(against), shared)
    report = sql_side.report
    report.problems += link_problems
    report.notes += held
    return report


def _sql_checks(db: Database, report: CheckReport) -> None:
    for table in TABLES_COUNTED:
        report.counts[table] = books.count(db, table)
    quick = books.quick_check(db)
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
    report.problems += chain_check.records(db.conn)
    report.problems += chain_check.outside(db.conn)


class _SqlChecks(threading.Thread):
    """Every check SQLite can do by itself, on its own connection to the same file; then it
    takes part in the chain's walk (`shared`) until no block is left."""

    def __init__(self, db: Database, shared: chain_verify.SharedWalk) -> None:
        super().__init__(daemon=True)
        self.db, self.shared, self.report = db, shared, CheckReport()
        self.in_memory = str(db.path) == ":memory:"  # no file for a second connection
        if self.in_memory:
            _sql_checks(db, self.report)

    def run(self) -> None:
        if self.in_memory:
            return
        try:
            second = Database(connect(self.db.path), self.db.path)
            try:
                with books.whole_file_mapped(second.conn):
                    with books.one_snapshot(second):   # one snapshot for every check, even if the counter writes
                        _sql_checks(second, self.report)
                    self.shared.take_part(second.conn)
            finally:
                second.close()
        except Exception as exc:  # reported as a problem, never a crash
            self.report.problems.append(f"检查出错 check failed: {exc}")
