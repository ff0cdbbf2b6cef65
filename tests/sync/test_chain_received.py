"""An insider on a two-counter village: rows that came from the other counter are not a hiding place.

Counter B holds counter A's awards, sales and stock moves as received records (sync_remote).
`kiosk check` on B used to take any row whose id a received record gave as A's: one forged
sync_remote row, and the balance cache fixed by hand, passed off a forged award as A's.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from kiosk.services.audit.check import run_check
from kiosk.services.shop import checkout
from kiosk.services.stock import movements as stock
from kiosk.store import migrations
from kiosk.sync import apply
from kiosk.services.audit.check_words import traced
from tests import older_program
from tests.conftest import give
from tests.services.audit.test_chain_tamper import refresh_caches, tamper
from tests.sync.test_township_published import _rule
from tests.sync.test_two_counters import TOOTHPASTE, village  # noqa: F401  (the two counters)

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])   # the township's store is not what is tested


@pytest.fixture
def b_after_a(village):  # noqa: F811
    """A awards 王小明 and sells him toothpaste; B has pulled all of it."""
    give(village.a, "JF000001", 3)
    stock.receive(village.a, TOOTHPASTE, 10)
    village.sync("a", "b")
    sale = checkout.redeem_items(village.a, "JF000001", [TOOTHPASTE])
    village.sync("a", "b")
    return village, sale


def _problems(ctx) -> list[str]:
    return [traced(problem) for problem in run_check(ctx.db).problems]


def _tampered(village, *statements, drop: tuple[str, ...] = ()) -> list[str]:  # noqa: F811
    """Counter B's file edited by hand, its caches made to agree; what `kiosk check` says then."""
    tamper(village.b.db.path, *statements, drop=drop)
    refresh_caches(village.b.db.path)
    return _problems(village.b)


def _one(path, sql: str, params: tuple = ()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


def _forge_award_as_from_a(path, *, drop: tuple[str, ...]) -> None:
    """A 500-point award to 王小明 and a sync_remote row saying counter A sent it; caches fixed."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    real = dict(conn.execute("SELECT * FROM entry WHERE kind = 'award' AND terminal_id != "
                             "(SELECT value FROM meta WHERE key = 'terminal_id') LIMIT 1").fetchone())
    sent = conn.execute("SELECT terminal_id, seq FROM sync_remote WHERE id = ?", (real["id"],)).fetchone()
    conn.close()
    forged = real | {"id": "forged-award-1", "hundredths": 50000}
    names, marks = ",".join(forged), ",".join("?" * len(forged))
    tamper(path, (f"INSERT INTO entry ({names}) VALUES ({marks})", tuple(forged.values())),
           ("INSERT INTO sync_remote (id, terminal_id, seq, type, body, sha256, applied, received_at)"
            " VALUES (?, ?, ?, 'entry', ?, ?, 1, '2026-11-03 18:00:00')",
            (forged["id"], sent["terminal_id"], sent["seq"] + 1000, json.dumps(forged, ensure_ascii=False), "0" * 64)),
           drop=drop)
    refresh_caches(path)


def test_two_counters_that_synced_pass_and_every_received_record_is_chained(b_after_a):
    village, _ = b_after_a
    b = village.b.db
    assert b.scalar("SELECT COUNT(*) FROM sync_remote") > 0
    assert b.scalar("SELECT COUNT(DISTINCT record_id) FROM chain WHERE record_type = 'received'") == \
        b.scalar("SELECT COUNT(*) FROM sync_remote")
    assert _problems(village.b) == [] and _problems(village.a) == []


def test_a_forged_award_claimed_as_the_other_counters_is_named(b_after_a):
    village, _ = b_after_a
    _forge_award_as_from_a(village.b.db.path, drop=("chain_received",))
    found = _problems(village.b)
    assert any("收到的记录不在账本链条里" in p and "别的收银台发来的" in p and "积分流水（王小明）" in p
               for p in found), found


def test_the_same_forgery_with_the_triggers_left_in_place_is_found_written_outside(b_after_a):
    village, _ = b_after_a
    _forge_award_as_from_a(village.b.db.path, drop=())
    found = _problems(village.b)
    assert any("不是本程序写入的" in p and "别的收银台发来的" in p and "积分流水（王小明）" in p for p in found), found


def test_a_received_award_made_bigger_with_the_balance_fixed_is_named(b_after_a):
    village, _ = b_after_a
    path = village.b.db.path
    award = _one(path, "SELECT id FROM entry WHERE kind = 'award' AND id IN (SELECT id FROM sync_remote)")[0]
    found = _tampered(village, ("UPDATE entry SET hundredths = 50000 WHERE id = ?", (award,)), drop=("entry_no_update",))
    assert any("积分流水不在账本链条里" in p and "王小明" in p for p in found), found


def test_the_other_counters_redeem_deleted_here_is_named(b_after_a):
    village, _ = b_after_a
    found = _tampered(village, "DELETE FROM entry WHERE kind = 'redeem'", drop=("entry_no_delete",))
    assert any("别的收银台发来的积分流水" in p and "不见了" in p for p in found), found


def test_a_stock_move_claiming_the_other_counters_sale_is_named(b_after_a):
    village, sale = b_after_a
    path = village.b.db.path
    move = dict(zip(("id", "product_id", "kind", "qty", "sale_id", "operator_id", "terminal_id", "at"),
                    _one(path, "SELECT id, product_id, kind, qty, sale_id, operator_id, terminal_id, at"
                               " FROM stock_move WHERE kind = 'sale'")))
    forged = move | {"id": "forged-move-1", "qty": -5}
    names, marks = ",".join(forged), ",".join("?" * len(forged))
    found = _tampered(village, (f"INSERT INTO stock_move ({names}) VALUES ({marks})", tuple(forged.values())))
    assert any("出入库记录不在账本链条里" in p for p in found), found


def test_a_received_record_rewritten_breaks_the_chain_at_it(b_after_a):
    village, _ = b_after_a
    path = village.b.db.path
    record_id, body = _one(path, "SELECT id, body FROM sync_remote WHERE type = 'entry'")
    bigger = json.dumps(json.loads(body) | {"hundredths": 50000}, ensure_ascii=False)
    tamper(path, ("UPDATE sync_remote SET body = ? WHERE id = ?", (bigger, record_id)),
           drop=("sync_remote_no_update",))
    found = _problems(village.b)
    assert any("记账对不上" in p and "别的收银台发来的" in p for p in found), found


def test_a_stock_move_of_the_other_counters_sale_changed_is_named(b_after_a):
    village, _ = b_after_a
    found = _tampered(village, "UPDATE stock_move SET qty = qty * 5 WHERE kind = 'sale'", drop=("stock_move_no_update",))
    assert any("出入库记录不在账本链条里" in p for p in found), found


@pytest.fixture
def program_before_0030(tmp_path, monkeypatch):
    """The program as it was before received records were chained: migrations up to 0029."""
    return older_program.before(30, tmp_path, monkeypatch)


def test_records_received_before_the_upgrade_are_chained_by_it_and_the_books_pass(program_before_0030, village):  # noqa: F811
    give(village.a, "JF000001", 2)
    village.sync("a", "b")
    b = village.b.db
    received = b.scalar("SELECT COUNT(*) FROM sync_remote")
    assert received > 0 and b.scalar("SELECT COUNT(*) FROM chain WHERE record_type = 'received'") == 0
    b.close()
    program_before_0030.undo()
    upgraded = migrations.open_database(b.path)
    try:
        assert upgraded.scalar("SELECT COUNT(*) FROM chain WHERE record_type = 'received'") == received
        assert run_check(upgraded).problems == []
    finally:
        upgraded.close()


def test_a_received_award_deleted_with_its_record_breaks_the_chain(b_after_a):
    village, _ = b_after_a
    path = village.b.db.path
    award = _one(path, "SELECT id FROM entry WHERE kind = 'award' AND id IN (SELECT id FROM sync_remote)")[0]
    found = _tampered(village, ("DELETE FROM entry WHERE id = ?", (award,)),
                      ("DELETE FROM sync_remote WHERE id = ?", (award,)), drop=("entry_no_delete",))
    assert any("记账对不上" in p and "收到的记录被删除了" in p for p in found), found


def test_a_received_sale_marked_never_applied_to_hide_its_redeem_deleted_breaks_the_chain(b_after_a):
    village, sale = b_after_a
    found = _tampered(village, "UPDATE sync_remote SET applied = 0 WHERE type = 'sale'",
                      "DELETE FROM entry WHERE kind = 'redeem'",
                      drop=("sync_remote_no_update", "entry_no_delete"))
    assert any("记账对不上" in p and "已入账”标记" in p for p in found), found


def test_a_waiting_record_marked_applied_by_hand_is_named(b_after_a):
    village, _ = b_after_a
    apply.apply_page(village.b.db, [_rule(1, 300, "2026-12-31")], None, "2026-11-03 18:00:00")   # kept for its day
    found = _tampered(village, "UPDATE sync_remote SET applied = 1 WHERE applied = 0",
                      drop=("sync_remote_no_update",))
    assert any("被标成“已入账”" in p and "乡镇发来的" in p for p in found), found
