"""A sale (a record with parts that never changes once written) is sealed with no body
stored: its link hashes its sync body (each object's values in key order, as for entries)
as SQLite renders it from the sale, lines, entry and stock moves, whenever the link is hashed. A sale sealed with its body stored (before this)
keeps hashing that body."""

from __future__ import annotations

import hashlib
import json

import pytest

from kiosk.core.canonical import canonical_text
from kiosk.services.audit.check import run_check
from kiosk.services.shop import checkout
from kiosk.store import chain, rendered
from kiosk.store.bodies import plain_bodies
from kiosk.services.audit.check_words import traced
from tests.conftest import give


@pytest.fixture
def sold(shop):
    """A sale to 王小明, the last thing written; (shop, sale id, its chain position)."""
    give(shop, "JF000001", 4)
    sale = checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    position = shop.db.scalar("SELECT position FROM chain WHERE record_type = 'sale' AND record_id = ?", (sale.id,))
    return shop, sale.id, position


def _said(found: list[str], *words: str) -> bool:
    return any(all(word in traced(problem) for word in words) for problem in found)


def test_a_sale_is_sealed_with_no_body_and_its_link_hashes_its_sync_bodys_values(sold):
    shop, sale_id, position = sold
    body, link = shop.db.one("SELECT body, link_hash FROM chain WHERE position = ?", (position,))
    assert body is None
    state = chain.state_before(shop.db.conn, position)
    python_body = canonical_text(plain_bodies(shop.db, "sale", [sale_id])[sale_id])
    assert '"lines":[{' in python_body and '"stock_moves":[{' in python_body and '"entry":{' in python_body
    hashed = canonical_text(rendered.values_only(json.loads(python_body)))
    state.update(chain.row_data(position, "sale", sale_id, hashed).encode("utf-8"))
    assert link == state.hexdigest()
    assert run_check(shop.db).problems == []


def test_a_sale_sealed_with_no_body_rewritten_breaks_the_chain_at_it(sold):
    shop, sale_id, position = sold
    for trigger in ("sale_line_no_update", "stock_move_no_update"):
        shop.db.execute(f"DROP TRIGGER {trigger}")
    shop.db.execute("UPDATE sale_line SET qty = 1 WHERE sale_id = ?", (sale_id,))
    shop.db.execute("UPDATE stock_move SET qty = -1 WHERE sale_id = ?", (sale_id,))
    found = run_check(shop.db).problems
    assert _said(found, f"第 {position} 条", "兑换单", "被改动过", f"broken at position {position}"), found


def test_a_sale_sealed_with_no_body_deleted_is_named_deleted(sold):
    shop, sale_id, position = sold
    shop.db.execute("PRAGMA foreign_keys = OFF")
    shop.db.execute("DROP TRIGGER sale_no_delete")
    shop.db.execute("DELETE FROM sale WHERE id = ?", (sale_id,))
    found = run_check(shop.db).problems
    assert _said(found, f"第 {position} 条", "被删除了", f"broken at position {position}"), found


def _store_body(shop, position: int, body: str) -> None:
    """The row as a program before this sealed it: with its body stored, and its link (and
    those after it) hashing that body."""
    conn = shop.db.conn
    shop.db.execute("DROP TRIGGER IF EXISTS chain_sealed_once")
    shop.db.execute("UPDATE chain SET body = ? WHERE position = ?", (body, position))
    state, record_id = chain.state_before(conn, position), shop.db.scalar(
        "SELECT record_id FROM chain WHERE position = ?", (position,))
    state.update(chain.row_data(position, "sale", record_id, body).encode("utf-8"))
    links = [(state.hexdigest(), position)]
    for later, data in conn.execute(f"SELECT c.position, {chain.data_sql(conn)} FROM chain c"
                                    " WHERE c.position > ? ORDER BY c.position", (position,)).fetchall():
        if chain.block_start(later) == later:
            state = hashlib.sha256(links[-1][0].encode("ascii"))
        state.update(data.encode("utf-8"))
        links.append((state.hexdigest(), later))
    conn.executemany("UPDATE chain SET link_hash = ? WHERE position = ?", links)
    chain.forget(conn)


def _sale_body(shop, sale_id: str) -> str:
    return canonical_text(plain_bodies(shop.db, "sale", [sale_id])[sale_id])


def test_a_sale_sealed_with_its_body_stored_still_checks(sold):
    shop, sale_id, position = sold
    _store_body(shop, position, _sale_body(shop, sale_id))
    assert run_check(shop.db).problems == []


def test_a_sales_stored_body_is_what_its_link_hashes(sold):
    """The record is untouched: only the stored body differs, and the link sees it."""
    shop, sale_id, position = sold
    _store_body(shop, position, _sale_body(shop, sale_id))
    body = plain_bodies(shop.db, "sale", [sale_id])[sale_id]
    shop.db.execute("UPDATE chain SET body = ? WHERE position = ?",
                    (canonical_text(body | {"total": body["total"] + 1}), position))
    found = run_check(shop.db).problems
    assert _said(found, f"broken at position {position}"), found


def test_a_sale_sealed_with_its_body_stored_and_rewritten_is_found_changed(sold):
    shop, sale_id, position = sold
    _store_body(shop, position, _sale_body(shop, sale_id))
    shop.db.execute("DROP TRIGGER sale_line_no_update")
    shop.db.execute("UPDATE sale_line SET name = '别的东西' WHERE sale_id = ?", (sale_id,))
    found = run_check(shop.db).problems
    assert _said(found, f"第 {position} 条", "兑换单", "被改动过", f"sale {sale_id} changed"), found
    assert not _said(found, "broken at position"), found


def test_the_running_hash_of_a_block_renders_a_sale_sealed_with_no_body(sold):
    """Sealing after a fresh start reads the block back from the stored rows and records."""
    shop, sale_id, position = sold
    chain.forget(shop.db.conn)
    give(shop, "JF000001", 1)
    assert run_check(shop.db).problems == []


@pytest.mark.parametrize("name", ['引号"和\\斜杠', "换行\n制表\t", "控制\x01字符\x7f", "😀 / \u2028 𠮷"])
def test_a_sale_is_hashed_as_its_sync_bodys_values_byte_for_byte(sold, name):
    shop, sale_id, _ = sold
    shop.db.execute("DROP TRIGGER sale_line_no_update")
    shop.db.execute("UPDATE sale_line SET name = ? WHERE sale_id = ?", (name, sale_id))
    hashed = shop.db.scalar(f"SELECT {rendered.hashed_sql(shop.db.conn, 'sale')} FROM sale t WHERE t.id = ?", (sale_id,))
    assert hashed == canonical_text(rendered.values_only(plain_bodies(shop.db, "sale", [sale_id])[sale_id]))


def test_a_refund_is_sealed_with_no_body_and_caught_when_rewritten(shop):
    from kiosk.services.shop import refunds

    give(shop, "JF000001", 4)
    sale = checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    refund = refunds.refund(shop, sale.receipt, "顾客退回牙膏")
    position, body = shop.db.one("SELECT position, body FROM chain WHERE record_type = 'refund' AND record_id = ?",
                                 (refund.id,))
    assert body is None
    assert run_check(shop.db).problems == []
    shop.db.execute("DROP TRIGGER refund_line_no_update")
    shop.db.execute("UPDATE refund_line SET qty = 1 WHERE refund_id = ?", (refund.id,))
    found = run_check(shop.db).problems
    assert _said(found, f"第 {position} 条", "被改动过", f"broken at position {position}"), found


def test_a_stock_move_forged_into_a_sale_sealed_with_its_body_stored_is_named(sold):
    """The stored body says what the sale held: the check names the move it never had."""
    shop, sale_id, position = sold
    _store_body(shop, position, _sale_body(shop, sale_id))
    shop.db.execute("INSERT INTO stock_move (id, product_id, kind, qty, sale_id, operator_id, terminal_id, at)"
                    " SELECT 'forged-move', product_id, 'sale', -1, sale_id, operator_id, terminal_id, at"
                    " FROM stock_move WHERE sale_id = ? LIMIT 1", (sale_id,))
    found = run_check(shop.db).problems
    assert _said(found, "兑换单", "多了 1 条出入库记录", "并没有它", "forged-move"), found
