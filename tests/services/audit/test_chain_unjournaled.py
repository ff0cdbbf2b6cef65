"""A record that moves points or goods but is not in this PC's journal never reaches the
township: `kiosk check` names it, whether an insider deleted a real record's journal row (so a
rewrite of it drops out of what a copy put back proves) or wrote a record with its chain row and
no journal row at all."""

from __future__ import annotations

from kiosk.services.shop import checkout
from tests.conftest import give
from tests.services.audit.test_chain_tamper import problems, tamper


def test_a_record_whose_journal_row_is_deleted_is_named(shop, db_path):
    give(shop, "JF000001", 3)
    newest = shop.db.scalar("SELECT record_id FROM journal WHERE record_type = 'entry' ORDER BY seq DESC LIMIT 1")
    shop.db.close()
    assert problems(db_path) == []
    tamper(db_path, ("DELETE FROM journal WHERE record_id = ?", (newest,)), drop=("journal_no_delete",))
    found = problems(db_path)
    assert [line for line in found if "没有登记在本机要传给乡镇的记录里" in line and newest in line], found


def test_a_sale_whose_parts_lost_their_journal_rows_is_named(shop, volunteer, db_path):
    give(shop, "JF000001", 3)
    sale = checkout.redeem_items(volunteer, "JF000001", ["香皂"])
    shop.db.close()
    tamper(db_path, ("DELETE FROM journal WHERE record_id IN (SELECT id FROM stock_move WHERE sale_id = ?)",
                     (sale.id,)), drop=("journal_no_delete",))
    found = problems(db_path)
    assert [line for line in found if "没有登记在本机要传给乡镇的记录里" in line and "stock_move" in line], found


def test_books_written_by_the_program_have_every_record_journaled(shop, volunteer, db_path):
    give(shop, "JF000001", 3)
    sale = checkout.redeem_items(volunteer, "JF000001", ["香皂", "香皂"])
    from kiosk.services.shop import refunds
    refunds.refund(shop, sale.receipt, "顾客退回一块", {1: 1})
    shop.db.close()
    assert problems(db_path) == []
