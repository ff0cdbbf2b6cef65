"""Invariant 5: a sale is atomic, even when the process dies mid-redeem.

A child process (redeem_loop.py) redeems random carts in a tight loop on a
real village database, printing each receipt after its transaction commits.
The parent reads N of those lines (N random per round, seeded) and SIGKILLs
the child at that arbitrary moment — usually somewhere inside the next sale.
After each kill the database is reopened the way the program opens it and must
prove itself: `kiosk check` passes, every receipt the child reported is there
whole (lines, redeem entry, stock movements), no partial sale exists anywhere,
and every balance and stock figure equals what was put in minus what the
recorded sales took out. Reading the child's stdout is the only
synchronisation; there are no sleeps and no timing asserts.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core.clock import FixedClock
from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape
from kiosk.services.people import operators, residents
from kiosk.services.points import awards, rules
from kiosk.services.setup import create as setup
from kiosk.services.shop import products
from kiosk.services.stock import movements as stock
from kiosk.services.audit.check import run_check
from kiosk.store import sales as sales_store
from kiosk.store.migrations import open_database

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("KIOSK_CRASH_SEED", "20261103"))
CHILD = Path(__file__).with_name("redeem_loop.py")
ROOT = Path(__file__).resolve().parents[2]
VOLUNTEER, VOLUNTEER_PIN = "张晓燕", "4826"
WATCHDOG_SECONDS = 60   # only a guard against a hung child; never a timing assert

RESIDENTS = [("王小明", "3组12号", ""), ("李秀英", "3组12号", "配偶"),
             ("王晓明", "5组1号", ""), ("张桂兰", "1组8号", "")]
GOODS = [("大米 5kg", "50", "6901234567892"), ("香皂", "5.5", None),
         ("牙膏", "5", "6920000000012"), ("火柴", "0.35", None)]
STOCK_EACH = 100_000          # the most one receipt may bring in
CREDIT_EACH = 100_000_00      # 100,000 points per household (好人好事, 300 at a time)


def build_village(db_path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """A village with rich households and full shelves; returns what was put in."""
    db = setup.create_database(db_path)
    try:
        clock = FixedClock(datetime(2026, 11, 3, 8, 0, 0), tick=timedelta(seconds=1))
        mgr = setup.init_village(db, village="青石村", manager="刘建军", pin="2580", clock=clock)
        cards = [residents.add_resident(mgr, name=n, house_no=h, relation=r).card_code
                 for n, h, r in RESIDENTS]
        # within the township's limits (a village rule gives at most 100, one award at most 300):
        # 333 awards of 300 and one of 100 per household
        rules.add_rule(mgr, Rule("hrhs", "好人好事", "公益", Shape.FIXED, Points.parse(100), max_qty=Measure(3_00)))
        for card in (cards[0], cards[2], cards[3]):
            for _ in range(CREDIT_EACH // 300_00):
                awards.award(mgr, card, "hrhs", 3)
            awards.award(mgr, card, "hrhs", 1)
        for name, price, barcode in GOODS:
            product = products.add_product(mgr, name=name, price=price, barcode=barcode)
            stock.receive(mgr, product.code, STOCK_EACH)
        operators.add_operator(mgr, VOLUNTEER, "volunteer", VOLUNTEER_PIN)
        credit = {row[0]: row[1] for row in db.all("SELECT account_id, hundredths FROM balance")}
        on_hand = {row[0]: row[1] for row in db.all("SELECT product_id, qty FROM stock")}
    finally:
        db.close()
    assert sorted(credit.values()) == [CREDIT_EACH] * 3
    assert sorted(on_hand.values()) == [STOCK_EACH] * len(GOODS)
    return credit, on_hand


def run_and_kill(db_path: Path, child_seed: int, wanted: int, stderr_path: Path) -> list[dict]:
    """Start the child, read `wanted` committed receipts, SIGKILL it; all reports read."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])))
    with open(stderr_path, "wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db_path), str(child_seed), VOLUNTEER, VOLUNTEER_PIN],
            stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL, cwd=str(ROOT),
            env=env)
    watchdog = threading.Timer(WATCHDOG_SECONDS, proc.kill)
    watchdog.start()
    reports: list[dict] = []
    try:
        while len(reports) < wanted:
            line = proc.stdout.readline()
            if not line:
                break
            reports.append(json.loads(line))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # Lines already written before the kill are promises too: read them all.
        for line in proc.stdout.read().splitlines(keepends=True):
            if line.endswith(b"\n"):
                reports.append(json.loads(line))
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
    problem = stderr_path.read_text(encoding="utf-8", errors="replace")
    assert len(reports) >= wanted, (
        f"child ended after {len(reports)} of {wanted} receipts (exit {proc.returncode}):\n{problem}")
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, problem)
    return reports


def check_survivor(db_path: Path, reported: dict[str, dict], credit: dict[str, int],
                   on_hand: dict[str, int]) -> int:
    db = open_database(db_path)
    try:
        report = run_check(db)
        assert report.ok, report.problems

        for receipt, sold in reported.items():
            sale = db.one("SELECT * FROM sale WHERE receipt = ?", (receipt,))
            assert sale is not None, f"reported receipt {receipt} is missing after the kill"
            assert sale["total"] == sold["total"]
            assert (sale["balance_before"], sale["balance_after"]) == \
                (sold["balance_before"], sold["balance_after"])
            lines = db.all("SELECT product_id, price, qty FROM sale_line WHERE sale_id = ?",
                           (sale["id"],))
            assert Counter({r["product_id"]: r["qty"] for r in lines}) == \
                Counter({p: q for p, q in sold["lines"]}), f"{receipt}: lines differ"
            assert sum(r["price"] * r["qty"] for r in lines) == sold["total"]
            entries = db.all("SELECT kind, hundredths, account_id FROM entry WHERE sale_id = ?",
                             (sale["id"],))
            assert [(e["kind"], e["hundredths"], e["account_id"]) for e in entries] == \
                [("redeem", -sold["total"], sale["account_id"])], f"{receipt}: ledger entry"
            moved = Counter()
            for m in db.all("SELECT product_id, qty FROM stock_move"
                            " WHERE sale_id = ? AND kind = 'sale'", (sale["id"],)):
                moved[m["product_id"]] -= m["qty"]
            assert moved == Counter({r["product_id"]: r["qty"] for r in lines}), \
                f"{receipt}: stock movements"

        # No partial sale anywhere, reported or not.
        assert sales_store.sales_not_whole(db) == []
        sales = db.scalar("SELECT COUNT(*) FROM sale")
        assert sales >= len(reported)
        assert db.scalar("SELECT COUNT(*) FROM entry WHERE kind = 'redeem'") == sales
        assert db.scalar("SELECT COUNT(DISTINCT sale_id) FROM entry WHERE kind = 'redeem'") == sales
        assert db.scalar("SELECT COUNT(DISTINCT sale_id) FROM stock_move WHERE kind = 'sale'") \
            == sales
        assert db.scalar("SELECT COUNT(DISTINCT sale_id) FROM sale_line") == sales
        assert db.scalar("SELECT COUNT(*) FROM entry WHERE sale_id IS NOT NULL"
                         " AND sale_id NOT IN (SELECT id FROM sale)") == 0
        assert db.scalar("SELECT COUNT(*) FROM stock_move WHERE sale_id IS NOT NULL"
                         " AND sale_id NOT IN (SELECT id FROM sale)") == 0

        # Balances: cache == sum of entries == what was credited less what sales took.
        spent = Counter({r[0]: r[1] for r in db.all(
            "SELECT account_id, SUM(total) FROM sale GROUP BY account_id")})
        for account_id, put_in in credit.items():
            cached = db.scalar("SELECT hundredths FROM balance WHERE account_id = ?", (account_id,))
            summed = db.scalar("SELECT SUM(hundredths) FROM entry WHERE account_id = ?",
                               (account_id,))
            assert cached == summed == put_in - spent[account_id], account_id
            assert cached >= 0
        taken = Counter({r[0]: r[1] for r in db.all(
            "SELECT product_id, SUM(qty) FROM sale_line GROUP BY product_id")})
        for product_id, received in on_hand.items():
            cached = db.scalar("SELECT qty FROM stock WHERE product_id = ?", (product_id,))
            summed = db.scalar("SELECT SUM(qty) FROM stock_move WHERE product_id = ?",
                               (product_id,))
            assert cached == summed == received - taken[product_id], product_id
        return sales
    finally:
        db.close()


def test_sigkill_mid_redeem_leaves_whole_sales_or_nothing(tmp_path):
    rng = random.Random(SEED)
    db_path = tmp_path / "village.sqlite"
    credit, on_hand = build_village(db_path)
    reported: dict[str, dict] = {}
    for round_no in range(rng.randint(3, 5)):
        wanted = rng.randint(5, 40)
        reports = run_and_kill(db_path, rng.randrange(2**32), wanted,
                               tmp_path / f"child-{round_no}.stderr")
        for sold in reports:
            assert sold["receipt"] not in reported, f"receipt {sold['receipt']} issued twice"
            assert sold["balance_after"] == sold["balance_before"] - sold["total"] >= 0
            reported[sold["receipt"]] = sold
        sales = check_survivor(db_path, reported, credit, on_hand)
        assert sales >= len(reported)
