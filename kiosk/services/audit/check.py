"""`kiosk check`: the books prove themselves.

Cached balances equal the sums of entries; cached stock equals the sums of
movements; every sale adds up; the sync journal has no gaps; the books' chain
(kiosk/store/chain.py) is whole and every record and audit row still says what
it said when it was chained; SQLite's own quick check passes.

The record checks run on a second, read-only connection, in a forked process where that is
safe, while the first recomputes the chain's links; once done, the second takes part in
the links too, a few blocks at a time (chain_verify.SharedWalk), so both CPUs of a counter
PC stay busy to the end.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
from dataclasses import dataclass, field

from kiosk.core.chain_code import Anchor
from kiosk.core.points import Points
from kiosk.services.audit import chain_check, own_household_check, price_check, settings_check
from kiosk.services.audit.check_words import Found, said
from kiosk.core.errors import Refused
from kiosk.store import books, chain_verify, goods, journal, ledger, sales, village
from kiosk.store.db import Database, connect

TABLES_COUNTED = ("entry", "account", "stock_move", "sale", "audit", "chain")


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)     # printed codes that still hold
    damaged: str | None = None    # what SQLite found wrong with the file itself: restore it, not check it

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def traces(self) -> list[str]:
        """Each problem's record ids and positions, for an engineer (`kiosk check --json`)."""
        return [getattr(problem, "trace", "") for problem in self.problems]


def run_check(db: Database, against: list[Anchor] = ()) -> CheckReport:
    """Every check; `against` are codes printed on slips (kiosk/core/chain_code.py)."""
    if chain_verify.unsealed(db.conn) and books.quick_check(db) == "ok":   # never write to a damaged file
        try:
            with db.write():  # seals chain rows written outside the program's transactions
                pass
        except Refused:  # a read-only copy: its unsealed tail is reported below
            pass
    shared = chain_check.shared_walk(db.conn, list(against))
    sql_side = _second_side(db, shared)
    sql_side.start()
    try:
        shared.take_part(db.conn)
    finally:
        sql_side.join()
    link_problems, held = chain_check.links(db.conn, list(against), shared)
    report = sql_side.report
    report.problems += link_problems
    report.notes += held
    return report


def _sql_checks(db: Database, report: CheckReport) -> None:
    for table in TABLES_COUNTED:
        report.counts[table] = books.count(db, table)
    with books.whole_file_mapped(db.conn):   # not for the walk: it reads fewer pages, each through the cache
        quick = books.quick_check(db)
    if quick != "ok":
        report.damaged = quick
        report.problems.append(Found(said("damaged"), f"SQLite quick_check: {quick}"))
    for row in ledger.cache_mismatches(db):
        report.problems.append(_balance_words(db, row))
    for row in goods.stock_mismatches(db):
        report.problems.append(Found(said("stock_cache", name=row["name"], cached=row["cached"], summed=row["summed"]),
                                     f"stock cache differs: product {row['name']}"))
    for receipt in sales.sales_not_whole(db):
        report.problems.append(Found(said("sale_not_whole", receipt=receipt), f"sale does not add up: {receipt}"))
    for terminal in journal.gaps(db.conn):
        report.problems.append(Found(said("journal_gap", counter=village.terminal_name(db, terminal)
                                          or said("a_counter")), f"journal has gaps: terminal {terminal}"))
    report.problems += chain_check.records(db.conn)
    report.problems += chain_check.outside(db.conn)
    report.problems += chain_check.outbox_outside(db.conn)
    report.problems += settings_check.problems(db.conn)
    report.problems += price_check.problems(db.conn)
    report.problems += own_household_check.problems(db.conn)


def _balance_words(db: Database, row) -> str:
    """余额缓存不符: whose balance (the household by house number and head), kept and summed."""
    if row["summed"] is None:
        return Found(said("balance_orphan", cached=Points(row["cached"])),
                     f"balance cache differs: account {row['account_id']} not an account")
    owner = ledger.account_owner(db, row["account_id"])
    if owner is not None and owner["house_no"]:
        whose = said("household_account", house_no=owner["house_no"], head=owner["head"]) if owner["head"] \
            else said("household_account_headless", house_no=owner["house_no"])
    else:
        whose = owner["resident"] if owner is not None and owner["resident"] else said("an_account")
    return Found(said("balance_cache", whose=whose, cached=Points(row["cached"]), summed=Points(row["summed"])),
                 f"balance cache differs: account {row['account_id']}")


def _second_side(db: Database, shared: chain_verify.SharedWalk):
    if _may_fork(db):
        try:
            return _SqlChecksApart(db, shared)
        except OSError:       # no shared memory for the part counter (no /dev/shm): a thread
            shared.taken = chain_verify.Taken()
    return _SqlChecks(db, shared)


def _may_fork(db: Database) -> bool:
    """A second process is safe where this one runs no other thread (`kiosk check`; not the
    counter window, whose threads may hold a lock a forked copy would wait on for ever)."""
    return hasattr(os, "fork") and threading.active_count() == 1 and str(db.path) != ":memory:"


def _second_half(path, shared: chain_verify.SharedWalk) -> tuple[CheckReport, dict]:
    """The SQL checks, then parts of the walk, on a read-only connection of its own (read-only:
    SQLite's quick check takes half the CPU it takes on a connection that may write)."""
    report, walked = CheckReport(), {}
    try:
        second = Database(connect(path, read_only=True), path)
        try:
            with books.one_snapshot(second):   # one snapshot for every check, even if the counter writes
                _sql_checks(second, report)
            walked = shared.take_part(second.conn)
        finally:
            second.close()
    except Exception as exc:  # reported as a problem, never a crash
        report.problems.append(Found(said("check_failed"), f"check failed: {exc!r}"))
        if isinstance(exc, sqlite3.DatabaseError):
            report.damaged = report.damaged or str(exc)
    return report, walked


def _in_child(path, shared: chain_verify.SharedWalk, send) -> None:
    send.send(_second_half(path, shared))
    send.close()


class _SqlChecksApart:
    """`_second_half` in a forked process: two threads of one process reading SQLite at once
    spend half again the CPU of one doing both in turn (they contend for SQLite's and
    Python's locks), two processes none; the parts it walks come back through a pipe."""

    def __init__(self, db: Database, shared: chain_verify.SharedWalk) -> None:
        context = multiprocessing.get_context("fork")
        shared.taken = context.Value("i", 0)            # the parts taken, shared with the child
        self.shared, self.report = shared, CheckReport()
        self.receive, self.send = context.Pipe(duplex=False)
        self.child = context.Process(target=_in_child, args=(db.path, shared, self.send), daemon=True)

    def start(self) -> None:
        self.child.start()
        self.send.close()          # the child's end only: a child that dies ends the pipe (EOFError)

    def join(self) -> None:
        try:
            self.report, walked = self.receive.recv()   # before join: a child blocked on a full pipe never ends
        except EOFError:
            self.report, walked = CheckReport(problems=[Found(said("second_died"), "check failed: the second process ended early")]), {}
        self.child.join()
        for number, found in walked.items():
            self.shared.found[number] = found


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
        if not self.in_memory:
            self.report, _ = _second_half(self.db.path, self.shared)
