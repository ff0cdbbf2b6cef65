"""Invariants 3 and 4: cached balance and stock equal the sums; `check` catches tampering."""

from __future__ import annotations

import pytest

from kiosk.services.points import awards
from kiosk.services.shop import checkout, refunds
from kiosk.services.stock import movements as stock
from kiosk.services.audit.check import run_check
from kiosk.services.audit.check_words import traced
from tests.conftest import give

RICE = "6901234567892"
PASTE = "6920000000012"


@pytest.fixture
def busy(shop, volunteer):
    """Awards, a deduction, an adjustment, sales, a refund and stock changes."""
    give(shop, "JF000001", 14)
    give(shop, "JF000004", 3)
    awards.award(shop, "JF000003", "kf_dubo")
    awards.adjust(shop, "JF000001", "2.25", "补录")
    sale = checkout.redeem_items(volunteer, "JF000001", [RICE, f"{PASTE}x2"])
    checkout.redeem_items(volunteer, "JF000004", [PASTE])
    refunds.refund(shop, sale.receipt, "退一支牙膏", lines={2: 1})
    stock.adjust(shop, RICE, -1, "老鼠咬破", kind="damage")
    stock.take(shop, PASTE, 5)
    return shop


def balances_and_sums(db):
    return db.all(
        "SELECT a.id, COALESCE(b.hundredths, 0) AS cached,"
        " (SELECT COALESCE(SUM(hundredths), 0) FROM entry e WHERE e.account_id = a.id) AS summed"
        " FROM account a LEFT JOIN balance b ON b.account_id = a.id")


def stock_and_sums(db):
    return db.all(
        "SELECT p.id, p.name, COALESCE(s.qty, 0) AS cached,"
        " (SELECT COALESCE(SUM(qty), 0) FROM stock_move m WHERE m.product_id = p.id) AS summed"
        " FROM product p LEFT JOIN stock s ON s.product_id = p.id")


def test_cached_balance_equals_sum_of_entries_after_every_kind_of_change(busy):
    rows = balances_and_sums(busy.db)
    assert len(rows) >= 3
    assert any(row["cached"] != 0 for row in rows)
    for row in rows:
        assert row["cached"] == row["summed"], row["id"]
    assert run_check(busy.db).ok


def test_cached_stock_equals_sum_of_movements_after_every_kind_of_change(busy):
    rows = stock_and_sums(busy.db)
    assert {row["name"]: row["cached"] for row in rows} == {"大米 5kg": 18, "香皂": 30, "牙膏": 5}
    for row in rows:
        assert row["cached"] == row["summed"], row["name"]


def test_entry_and_cache_move_together_and_roll_back_together(busy):
    db = busy.db
    account = db.one("SELECT account_id, hundredths FROM balance ORDER BY hundredths DESC LIMIT 1")
    cached_inside = None
    with pytest.raises(RuntimeError):
        with db.write() as conn:
            conn.execute(
                "INSERT INTO entry (id, account_id, kind, hundredths, terminal_id, activity_date,"
                " at) VALUES ('t-adjust', ?, 'adjust', -125, 'test', '2026-11-03',"
                " '2026-11-03 10:00:00')", (account["account_id"],))
            cached_inside = conn.execute("SELECT hundredths FROM balance WHERE account_id = ?",
                                         (account["account_id"],)).fetchone()[0]
            raise RuntimeError("power cut before commit")
    assert cached_inside == account["hundredths"] - 125
    assert db.scalar("SELECT hundredths FROM balance WHERE account_id = ?",
                     (account["account_id"],)) == account["hundredths"]
    assert db.scalar("SELECT COUNT(*) FROM entry WHERE id = 't-adjust'") == 0


def account_with_points(db) -> str:
    return db.scalar("SELECT account_id FROM balance WHERE hundredths > 0 LIMIT 1")


@pytest.mark.parametrize("tamper", [
    "UPDATE balance SET hundredths = hundredths + 1 WHERE account_id = :id",
    "UPDATE balance SET hundredths = 100000 WHERE account_id = :id",
    "DELETE FROM balance WHERE account_id = :id",
])
def test_check_detects_a_tampered_balance_and_names_the_account(busy, tamper):
    account_id = account_with_points(busy.db)
    busy.db.execute(tamper, {"id": account_id})
    report = run_check(busy.db)
    assert not report.ok
    assert any(account_id in traced(problem) for problem in report.problems)


def test_check_detects_a_balance_row_for_no_account(busy):
    busy.db.execute("PRAGMA foreign_keys = OFF")
    busy.db.execute("INSERT INTO balance (account_id, hundredths) VALUES ('ghost', 500)")
    report = run_check(busy.db)
    assert not report.ok
    assert any("ghost" in traced(problem) for problem in report.problems)


@pytest.mark.parametrize("tamper", [
    "UPDATE stock SET qty = qty + 1 WHERE product_id = :id",
    "UPDATE stock SET qty = 0 WHERE product_id = :id",
    "DELETE FROM stock WHERE product_id = :id",
])
def test_check_detects_tampered_stock_and_names_the_product(busy, tamper):
    product = busy.db.one("SELECT p.id, p.name FROM product p WHERE p.name = '大米 5kg'")
    busy.db.execute(tamper, {"id": product["id"]})
    report = run_check(busy.db)
    assert not report.ok
    assert any(product["name"] in problem for problem in report.problems)


def test_an_untouched_busy_shop_passes_check(busy):
    report = run_check(busy.db)
    assert report.ok, report.problems
    assert report.counts["sale"] == 2
