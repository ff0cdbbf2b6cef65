"""Two programs writing one village database at once (invariants 3 and 6).

The counter window and `kiosk redeem` in a terminal, say, both selling to one household: two
processes, two connections, one real file. The balance is read inside the write lock, so each
sale sees the one before it: no sale spends points the other already took, and no balance is lost.
"""

from __future__ import annotations

import multiprocessing

from kiosk.services.stock import movements as stock
from kiosk.services.audit.check import run_check
from kiosk.store.migrations import open_database
from tests.conftest import MANAGER_PIN, VOLUNTEER_PIN, give
from tests.invariants.writers import CARD, TOOTHPASTE, sell_until_refused

AWARDS = 40                      # 40 × 5 points: room for 40 tubes of toothpaste at 5 points
WRITERS = (("刘建军", MANAGER_PIN), ("张晓燕", VOLUNTEER_PIN))


def _sell_from_two_processes(db_path) -> list[tuple[int, str]]:
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager:
        barrier = manager.Barrier(len(WRITERS))
        with spawn.Pool(len(WRITERS)) as pool:
            runs = [pool.apply_async(sell_until_refused, (str(db_path), name, pin, barrier))
                    for name, pin in WRITERS]
            return [run.get(timeout=300) for run in runs]


def test_two_processes_selling_to_one_account_never_overdraw_it(shop, db_path, monkeypatch):
    monkeypatch.setenv("KIOSK_BUSY_TIMEOUT_MS", "120000")   # a busy CI machine: wait for the other, never give up
    give(shop, CARD, AWARDS)
    stock.receive(shop, TOOTHPASTE, 200)
    shop.db.close()

    runs = _sell_from_two_processes(db_path)

    assert [code for _, code in runs] == ["insufficient_points"] * len(WRITERS)
    db = open_database(db_path)
    try:
        sales = db.all("SELECT total, balance_before, balance_after FROM sale ORDER BY rowid")
        balance = db.scalar("SELECT b.hundredths FROM balance b JOIN account a ON a.id = b.account_id"
                            " JOIN resident r ON r.household_id = a.household_id WHERE r.card_code = ?", (CARD,))
        assert balance == 0, f"the account ended at {balance / 100} points: overdrawn or points lost"
        assert sum(sold for sold, _ in runs) == len(sales) == AWARDS      # every point spent, none twice
        for earlier, later in zip(sales, sales[1:]):                    # each sale saw the one before
            assert later["balance_before"] == earlier["balance_after"]
        assert run_check(db).ok
    finally:
        db.close()
