"""Invariants 1-6: exact points, append-only ledger, balance and stock as sums, atomic sales."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.core.rules import Rule, Shape
from kiosk.services.points import awards, balances, claims, rules
from kiosk.services.shop import checkout, products, refunds
from kiosk.services.stock import movements as stock
from kiosk.services.shop import checkout as checkout_module
from kiosk.services.audit.check import run_check
from tests.conftest import fingerprint, give
from tests.services._support import balance_of, ledger_sum, refuse, stock_of


def _add(shop, code, points):
    rules.add_rule(shop, Rule(code, f"测试{code}", "测试", Shape.FIXED, Points.parse(points)))


def test_tenths_and_quarters_add_up_exactly(shop):
    _add(shop, "t01", "0.1")
    _add(shop, "t02", "0.2")
    _add(shop, "t25", "0.25")
    for _ in range(10):
        awards.award(shop, "JF000004", "t01")
        awards.award(shop, "JF000004", "t02")
    assert balance_of(shop, "JF000004") == 300  # not 2.9999999999999996
    for _ in range(7):
        awards.award(shop, "JF000004", "t25")
    awards.award(shop, "JF000004", "zyfw", "2")   # 1 per 4 h → 0.5
    awards.award(shop, "JF000004", "zyfw", "1")   # 0.25
    assert balance_of(shop, "JF000004") == 300 + 175 + 50 + 25
    standing = balances.standing(shop, "JF000004")
    assert standing.balance == Points(550) and str(standing.balance) == "5.5"
    assert {r[0] for r in shop.db.all("SELECT DISTINCT typeof(hundredths) FROM entry")} == {"integer"}
    assert {r[0] for r in shop.db.all("SELECT DISTINCT typeof(hundredths) FROM balance")} == {"integer"}
    assert {r[0] for r in shop.db.all("SELECT DISTINCT typeof(price) FROM product")} == {"integer"}
    assert ledger_sum(shop, "JF000004") == 550


def test_fractional_prices_sell_exactly(shop):
    awards.adjust(shop, "JF000004", "16.5", "补记")
    sale = checkout.redeem_items(shop, "JF000004", ["香皂x3"])
    assert sale.total == Points.parse("16.5") and sale.balance_after == Points.zero()
    assert balance_of(shop, "JF000004") == 0
    row = shop.db.one("SELECT typeof(total), typeof(balance_before), total FROM sale")
    assert tuple(row) == ("integer", "integer", 1650)


def test_refund_is_a_new_entry_naming_the_redeem_entry(shop, scene):
    sale_id = shop.db.scalar("SELECT id FROM sale WHERE receipt = ?", (scene.receipt,))
    redeem = shop.db.one("SELECT * FROM entry WHERE sale_id = ? AND kind = 'redeem'", (sale_id,))
    entries_before = shop.db.all("SELECT * FROM entry ORDER BY id")
    refunds.refund(shop, scene.receipt, "顾客退货", {2: 1})
    entries_after = shop.db.all("SELECT * FROM entry ORDER BY id")
    old = {r["id"]: tuple(r) for r in entries_before}
    assert all(old[r["id"]] == tuple(r) for r in entries_after if r["id"] in old)
    new = [r for r in entries_after if r["id"] not in old]
    assert len(new) == 1
    assert new[0]["kind"] == "refund" and new[0]["hundredths"] == 500
    assert new[0]["reverses_id"] == redeem["id"]
    assert tuple(shop.db.one("SELECT * FROM entry WHERE id = ?", (redeem["id"],))) == tuple(redeem)


@pytest.mark.parametrize("sql", ["UPDATE entry SET hundredths = 1", "DELETE FROM entry",
                                 "UPDATE stock_move SET qty = 1", "DELETE FROM sale"])
def test_ledger_rows_cannot_be_changed(shop, scene, sql):
    before = fingerprint(shop.db)
    with pytest.raises(sqlite3.DatabaseError):
        shop.db.execute(sql)
    assert fingerprint(shop.db) == before


def test_balance_is_the_sum_of_entries_after_a_mix(shop, volunteer):
    give(shop, "JF000001", 10)
    awards.award(shop, "JF000002", "zyfw", "6")                # same household: +1.5
    checkout.redeem_items(shop, "JF000001", ["香皂x2"])        # -11
    sale = checkout.redeem_items(volunteer, "JF000002", ["6920000000012x2"])  # -10
    refunds.refund(shop, sale.receipt, "拿错了", {1: 1})       # +5
    awards.award(shop, "JF000001", "kf_dubo")                  # -20
    awards.adjust(shop, "JF000001", "0.75", "补记")
    claim = awards.award(volunteer, "JF000001", "hjqs")
    claims.approve(shop, claim.id)                             # +5
    rejected = awards.award(volunteer, "JF000001", "hjqs")
    claims.reject(shop, rejected.id, "重复申报")
    expected = 5000 + 150 - 1100 - 1000 + 500 - 2000 + 75 + 500
    assert balance_of(shop, "JF000001") == expected == ledger_sum(shop, "JF000001")
    assert balances.standing(shop, "JF000002").balance == Points(expected)
    report = run_check(shop.db)
    assert report.ok, report.problems


def test_check_finds_a_cached_balance_that_drifted(shop):
    give(shop, "JF000001", 1)
    shop.db.execute("UPDATE balance SET hundredths = hundredths + 1")
    assert not run_check(shop.db).ok


def test_stock_is_the_sum_of_movements(shop, scene):
    stock.receive(shop, "香皂", 12, source="捐赠")            # 28 + 12
    stock.adjust(shop, "香皂", "-3", "受潮", kind="damage")   # 37
    stock.adjust(shop, "香皂", "+1", "找到一块")               # 38
    refunds.refund(shop, scene.receipt, "顾客退货", {1: 1})   # 39
    stock.take(shop, "香皂", 35)                               # 35
    assert stock_of(shop, "香皂") == (35, 35)
    assert products.resolve(shop, "香皂").stock == 35
    assert stock_of(shop, "6920000000012") == (2, 2)
    kinds = {r[0] for r in shop.db.all("SELECT DISTINCT kind FROM stock_move")}
    assert kinds == {"receive", "sale", "damage", "adjust", "return", "take"}
    assert run_check(shop.db).ok


def test_check_finds_cached_stock_that_drifted(shop):
    shop.db.execute("UPDATE stock SET qty = qty + 1")
    assert not run_check(shop.db).ok


def test_sale_is_atomic_when_its_last_write_fails(shop, monkeypatch):
    """Sale, lines, entry, stock moves and journal are written; the audit row then fails."""
    give(shop, "JF000001", 4)
    calls = []

    def failing_audit(*args, **kwargs):
        calls.append(shop.db.scalar("SELECT COUNT(*) FROM stock_move WHERE kind = 'sale'"))
        raise RuntimeError("power cut")

    monkeypatch.setattr(checkout_module, "audit_row", failing_audit)
    before = fingerprint(shop.db)
    with pytest.raises(RuntimeError):
        checkout.redeem_items(shop, "JF000001", ["香皂x2", "6920000000012"])
    assert calls == [2]                      # both stock moves were in when it failed
    assert fingerprint(shop.db) == before
    assert shop.db.scalar("SELECT COUNT(*) FROM sale") == 0
    monkeypatch.undo()

    sale = checkout.redeem_items(shop, "JF000001", ["香皂x2", "6920000000012"])
    assert sale.receipt == "261103-01-0001"
    assert balance_of(shop, "JF000001") == 400
    assert run_check(shop.db).ok


def test_sale_is_atomic_when_the_audit_write_fails(shop, monkeypatch):
    give(shop, "JF000001", 4)
    monkeypatch.setattr(checkout_module, "audit_row", lambda *a, **k: 1 / 0)
    before = fingerprint(shop.db)
    with pytest.raises(ZeroDivisionError):
        checkout.redeem_items(shop, "JF000001", ["香皂"])
    assert fingerprint(shop.db) == before


def test_exact_balance_sells_and_one_hundredth_more_is_refused(shop):
    give(shop, "JF000001", 2)                                  # 10
    products.add_product(shop, name="试用装", price="10.01")
    stock.receive(shop, "试用装", 5)
    exc = refuse(shop.db, "insufficient_points", checkout.redeem_items, shop, "JF000001", ["试用装"])
    assert "还差 0.01 分" in exc.message("zh")
    sale = checkout.redeem_items(shop, "JF000001", ["6920000000012x2"])
    assert sale.balance_before == Points(1000) and sale.balance_after == Points.zero()
    assert balance_of(shop, "JF000001") == 0
    refuse(shop.db, "insufficient_points", checkout.redeem_items, shop, "JF000001", ["香皂"])


def test_household_members_share_one_balance(shop):
    give(shop, "JF000001", 2)
    with pytest.raises(Refused):
        checkout.redeem_items(shop, "JF000002", ["香皂x2"])   # 11 > 10
    checkout.redeem_items(shop, "JF000002", ["6920000000012x2"])
    assert balance_of(shop, "JF000001") == 0


def test_correction_is_a_new_entry_naming_the_one_it_reverses(shop):
    wrong = awards.award(shop, "JF000004", "kf_dubo")
    fix = awards.adjust(shop, "JF000004", "20", "误扣，冲正", reverses=wrong.id)
    row = shop.db.one("SELECT * FROM entry WHERE id = ?", (fix.id,))
    assert row["kind"] == "adjust" and row["reverses_id"] == wrong.id and row["hundredths"] == 2000
    assert shop.db.scalar("SELECT hundredths FROM entry WHERE id = ?", (wrong.id,)) == -2000
    assert balance_of(shop, "JF000004") == 0


def test_correction_naming_an_unknown_entry_is_refused_not_crashed(shop):
    give(shop, "JF000004", 1)
    before = fingerprint(shop.db)
    with pytest.raises(Refused):
        awards.adjust(shop, "JF000004", "1", "冲正", reverses="no-such-entry")
    assert fingerprint(shop.db) == before


def test_damage_that_adds_stock_is_refused_not_crashed(shop):
    before = fingerprint(shop.db)
    with pytest.raises(Refused):
        stock.adjust(shop, "香皂", "3", "损耗", kind="damage")
    assert fingerprint(shop.db) == before
