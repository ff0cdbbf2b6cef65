"""An insider with the database file and sqlite3: each of 16 direct edits is caught by
`kiosk check` (services.audit.check.run_check), with no sync and no printed code, because each
touches a record or audit row the books' chain holds."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from kiosk.services.people import operators
from kiosk.services.setup import backup
from kiosk.services.shop import checkout
from kiosk.services.audit.check import run_check
from kiosk.services.context import SYSTEM, Context
from kiosk.store import audit
from kiosk.store.migrations import open_database
from kiosk.services.audit.check_words import traced
from tests.conftest import MANAGER_PIN, give


@pytest.fixture
def books(shop, volunteer, db_path):
    """青石村 with awards for 王小明 and 张桂兰, a sale to 王小明 and a second manager; closed."""
    give(shop, "JF000001", 3)
    give(shop, "JF000004", 2)
    checkout.redeem_items(volunteer, "JF000001", ["香皂"])
    operators.add_operator(shop, "王秀兰", "manager", "1379")
    give(shop, "JF000004", 1)
    shop.db.close()
    return db_path


def problems(path) -> list[str]:
    db = open_database(path)
    try:
        return [traced(problem) for problem in run_check(db).problems]
    finally:
        db.close()


def tamper(path, *statements, drop: tuple[str, ...] = ()) -> None:
    """Raw SQL on the file, as `sqlite3` would: named triggers dropped first."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for trigger in drop:
            conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for statement in statements:
            conn.execute(*statement) if isinstance(statement, tuple) else conn.execute(statement)
    finally:
        conn.close()


def rehash_audit_from(path, first_seq: int, head: str = "fix") -> None:
    """Recompute every audit hash from `first_seq` on, and the head marker (fixed or removed)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    rows = conn.execute("SELECT * FROM audit WHERE seq >= ? ORDER BY seq", (first_seq,)).fetchall()
    prev = conn.execute("SELECT hash FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT 1", (first_seq,)).fetchone()
    prev, last = (prev[0] if prev else audit.GENESIS), None
    for row in rows:
        digest = audit.row_hash(prev, row["seq"], row["at"], row["operator_id"], row["operator_name"],
                                row["action"], row["target_type"], row["target_id"], row["before"], row["after"])
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row["seq"]))
        prev, last = digest, row["seq"]
    if head == "fix":
        last = last or conn.execute("SELECT MAX(seq) FROM audit").fetchone()[0]
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{last}:{prev}",))
    else:
        conn.execute("DELETE FROM meta WHERE key = 'audit_head'")
    conn.close()


def refresh_caches(path) -> None:
    """Cached balances and stock made to agree with the (tampered) entries and moves."""
    tamper(path, "UPDATE balance SET hundredths = (SELECT COALESCE(SUM(hundredths), 0) FROM entry"
                 " WHERE entry.account_id = balance.account_id)",
           "UPDATE stock SET qty = (SELECT COALESCE(SUM(qty), 0) FROM stock_move"
           " WHERE stock_move.product_id = stock.product_id)")


def _award_of(path, name: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT e.id FROM entry e JOIN resident r ON r.id = e.resident_id"
                            " WHERE r.name = ? AND e.kind = 'award' ORDER BY e.at LIMIT 1", (name,)).fetchone()[0]
    finally:
        conn.close()


def _said(found: list[str], *words: str) -> bool:
    return any(all(word in problem for word in words) for problem in found)


def test_untouched_books_pass(books):
    assert problems(books) == []


# --- the audit trail ---------------------------------------------------------------------

def test_audit_row_edited(books):
    tamper(books, "UPDATE audit SET operator_name = '张晓燕' WHERE seq = 3", drop=("audit_no_update",))
    assert _said(problems(books), "操作记录第 3 条被改动或删除过")


def test_audit_row_edited_and_the_rest_rehashed(books):
    tamper(books, "UPDATE audit SET operator_name = '张晓燕' WHERE seq = 3", drop=("audit_no_update",))
    rehash_audit_from(books, 3)
    found = problems(books)
    assert _said(found, "第 3 条被改动或删除过")


@pytest.mark.parametrize("head", ["fix", "remove"])
def test_audit_tail_deleted_with_head_marker_fixed_or_removed(books, head):
    tamper(books, "DELETE FROM audit WHERE seq > (SELECT MAX(seq) - 2 FROM audit)", drop=("audit_no_delete",))
    rehash_audit_from(books, 10**9, head)   # nothing to rehash: only the head marker
    found = problems(books)
    assert _said(found, "被改动或删除过")


def test_audit_row_deleted_from_the_middle_and_the_rest_renumbered(books):
    tamper(books, "DELETE FROM audit WHERE seq = 4", "UPDATE audit SET seq = seq - 1 WHERE seq > 4",
           drop=("audit_no_delete", "audit_no_update"))
    rehash_audit_from(books, 4)
    found = problems(books)
    assert _said(found, "操作记录第 4 条被改动或删除过")


@pytest.mark.parametrize("which", ["4", "(SELECT MAX(seq) FROM audit)"])
def test_a_middle_or_last_audit_row_deleted(books, which):
    tamper(books, f"DELETE FROM audit WHERE seq = {which}", drop=("audit_no_delete",))
    assert _said(problems(books), "被改动或删除过")


def test_audit_row_appended_behind_the_programs_back(books):
    tamper(books, "INSERT INTO audit (seq, at, operator_id, operator_name, action, target_type, target_id,"
                  " before, after, prev_hash, hash) SELECT seq + 1, at, operator_id, operator_name, action,"
                  " target_type, target_id, before, after, hash, hash FROM audit ORDER BY seq DESC LIMIT 1",
           drop=("chain_audit",))
    assert _said(problems(books), "不在账本链条里", "audit row")


# --- entries -----------------------------------------------------------------------------

def test_entry_edited_balance_left_alone(books):
    entry = _award_of(books, "张桂兰")
    tamper(books, ("UPDATE entry SET hundredths = 50000 WHERE id = ?", (entry,)), drop=("entry_no_update",))
    found = problems(books)
    assert _said(found, "余额缓存不符") and _said(found, "积分流水（张桂兰", "被改动过")


def test_entry_edited_with_its_balance_fixed(books):
    entry = _award_of(books, "张桂兰")
    tamper(books, ("UPDATE entry SET hundredths = 50000 WHERE id = ?", (entry,)), drop=("entry_no_update",))
    refresh_caches(books)
    found = problems(books)
    assert not _said(found, "余额缓存不符")
    assert _said(found, "2026-11-03", "积分流水（张桂兰", "被改动过")


def test_entry_deleted_with_its_balance_fixed(books):
    entry = _award_of(books, "张桂兰")
    tamper(books, ("DELETE FROM entry WHERE id = ?", (entry,)), drop=("entry_no_delete",))
    refresh_caches(books)
    assert _said(problems(books), "积分流水（张桂兰", "被删除了")


def test_forged_entry_inserted(books):
    tamper(books, "INSERT INTO entry (id, account_id, resident_id, kind, hundredths, note, terminal_id,"
                  " activity_date, at) SELECT 'forged-1', account_id, resident_id, 'award', 100000, '',"
                  " terminal_id, activity_date, at FROM entry WHERE kind = 'award' LIMIT 1")
    refresh_caches(books)
    found = problems(books)
    assert not _said(found, "余额缓存不符")
    assert _said(found, "1 条积分流水不在账本链条里", "forged-1")


def test_entry_moved_to_another_account(books):
    entry = _award_of(books, "王小明")
    tamper(books, ("UPDATE entry SET account_id = (SELECT account_id FROM entry e JOIN resident r"
                   " ON r.id = e.resident_id WHERE r.name = '张桂兰' LIMIT 1) WHERE id = ?", (entry,)),
           drop=("entry_no_update",))
    refresh_caches(books)
    assert _said(problems(books), "积分流水（王小明", "被改动过")


def test_redeem_entry_edited(books):
    tamper(books, "UPDATE entry SET hundredths = -1 WHERE kind = 'redeem'", drop=("entry_no_update",))
    assert _said(problems(books), "被改动过")


def test_sale_rewritten_consistently(books):
    """Lines, entry, stock moves and the sale all say 牙膏 for 5 instead of 香皂 for 5.5."""
    tamper(books,
           "UPDATE sale_line SET name = '牙膏', price = 500,"
           " product_id = (SELECT id FROM product WHERE name = '牙膏')",
           "UPDATE sale SET total = 500, balance_after = balance_before - 500",
           "UPDATE entry SET hundredths = -500 WHERE kind = 'redeem'",
           "UPDATE stock_move SET product_id = (SELECT id FROM product WHERE name = '牙膏') WHERE kind = 'sale'",
           drop=("sale_no_update", "sale_line_no_update", "entry_no_update", "stock_move_no_update"))
    refresh_caches(books)
    found = problems(books)
    assert not _said(found, "兑换单不完整") and not _said(found, "缓存不符")
    assert _said(found, "被改动过")


def test_stock_receipt_deleted(books):
    tamper(books, "DELETE FROM stock_move WHERE kind = 'receive' AND qty = 3", drop=("stock_move_no_delete",))
    refresh_caches(books)
    found = problems(books)
    assert not _said(found, "库存缓存不符")
    assert _said(found, "出入库记录", "被删除了")


def test_manager_pin_replaced_by_a_volunteers(books):
    tamper(books, "UPDATE operator SET pin_hash = (SELECT pin_hash FROM operator WHERE name = '张晓燕')"
                  " WHERE name = '王秀兰'", drop=("chain_operator_changed",))
    assert _said(problems(books), "操作员 王秀兰 的密码不是程序最后登记的那个")


def test_a_pin_changed_through_the_program_passes(books):
    db = open_database(books)
    try:
        manager = operators.login(db, "刘建军", MANAGER_PIN, datetime(2026, 11, 3, 12, 0))
        operators.reset_pin(Context(db, manager), "王秀兰", "8642")
        assert run_check(db).problems == []
    finally:
        db.close()


def test_an_old_village_gets_its_chain_on_upgrade(books):
    """A database made before the chain existed gets one, in journal order, on opening."""
    conn = sqlite3.connect(books, isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'chain%'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE chain")
    conn.execute("DROP TABLE chain_anchor")
    conn.execute("DELETE FROM schema_migrations WHERE name LIKE '%chain%'")
    conn.close()
    assert problems(books) == []
    conn = sqlite3.connect(books)
    kinds = [r[0] for r in conn.execute("SELECT record_type FROM chain ORDER BY position")]
    conn.close()
    assert kinds[0] != "audit" and "audit" in kinds
    assert kinds[-2:] == ["operator", "checked_from"]     # 0016's operators, then 0033's milestone


def test_a_restored_backup_keeps_a_valid_chain(books, tmp_path):
    db = open_database(books)
    try:
        copy = backup.backup(Context(db, SYSTEM), tmp_path / "copy.sqlite").path
    finally:
        db.close()
    result = backup.restore(books, copy)
    assert result.problems == []
    db = open_database(books)
    try:
        assert run_check(db).problems == []
        assert db.scalar("SELECT record_type FROM chain ORDER BY position DESC LIMIT 1") == "audit"
    finally:
        db.close()
