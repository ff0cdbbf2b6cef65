"""Stock-take (盘点): a snapshot, counts with the book figure of their moment, posting once.

The fixture village has 大米 ×20, 香皂 ×30, 牙膏 ×3; 王小明 gets points to buy with.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from kiosk.services.shop import checkout, products
from kiosk.services.stock import movements as stock, stocktake
from kiosk.services.audit.check import run_check
from kiosk.store import goods as goods_store
from tests.conftest import give
from tests.services._support import assert_english, refuse, stock_of

RICE, PASTE = "6901234567892", "6920000000012"


@pytest.fixture
def buyer(shop):
    give(shop, "JF000001", 40)          # 200 points
    return shop


def books_agree(ctx) -> None:
    assert goods_store.stock_mismatches(ctx.db) == []
    assert run_check(ctx.db).ok


def sell(ctx, *items: str) -> None:
    checkout.redeem_items(ctx, "JF000001", list(items))


def test_starting_takes_a_snapshot_of_every_active_product(shop):
    shop.clock.set(datetime(2026, 11, 3, 14, 0))
    count = stocktake.start(shop)
    assert {(line.name, line.snapshot, line.counted) for line in count.lines} == {
        ("大米 5kg", 20, None), ("香皂", 30, None), ("牙膏", 3, None)}
    assert (count.status, count.started_by, count.started_at) == ("open", "刘建军", "2026-11-03 14:00:00")
    assert stocktake.current(shop) == count


def test_a_sale_before_the_item_is_counted_is_not_counted_twice(buyer, volunteer):
    stocktake.start(buyer)
    sell(volunteer, f"{RICE}x2")                      # 20 → 18 on the books and on the shelf
    line = stocktake.enter(buyer, RICE, 17)           # one bag is missing
    assert (line.snapshot, line.at_count, line.difference) == (20, 18, -1)
    posted = stocktake.post(buyer, "月底盘点")
    assert stock_of(buyer, RICE) == (17, 17)
    assert [(c.product, c.before, c.after) for c in posted.changes] == [("大米 5kg", 18, 17)]
    books_agree(buyer)


def test_a_sale_after_the_item_was_counted_but_before_posting_is_kept(buyer, volunteer):
    stocktake.start(buyer)
    stocktake.enter(buyer, RICE, 19)                  # counted 19 of 20
    sell(volunteer, f"{RICE}x3")                      # 16 on the books, 16 on the shelf
    stocktake.post(buyer)
    assert stock_of(buyer, RICE) == (16, 16)          # not 19, and not 19 − 3 − 1
    books_agree(buyer)


def test_a_count_with_sales_everywhere_ends_right_for_every_item(buyer, volunteer):
    stocktake.start(buyer)
    sell(volunteer, "香皂x2", f"{PASTE}x1")            # before either is counted: 28, 2
    stocktake.enter(buyer, "香皂", 27)                 # one soap short
    stocktake.enter(buyer, PASTE, 2)                   # right
    sell(volunteer, "香皂x1", f"{PASTE}x1")            # after counting: 27 → 26 on the shelf, 1
    stock.receive(volunteer, RICE, 5)                  # a delivery during the count: 25
    stocktake.enter(buyer, RICE, 25)
    posted = stocktake.post(buyer)
    assert (stock_of(buyer, "香皂"), stock_of(buyer, PASTE), stock_of(buyer, RICE)) == ((26, 26), (1, 1), (25, 25))
    assert posted.counted == 3 and [c.product for c in posted.changes] == ["香皂"]
    moves = buyer.db.all("SELECT qty, note FROM stock_move WHERE kind = 'take'")
    assert [tuple(m) for m in moves] == [(-1, "盘点")]
    books_agree(buyer)


def test_posting_links_each_line_to_its_movement_and_closes_the_count(shop):
    count = stocktake.start(shop)
    stocktake.enter(shop, "香皂", 31)
    stocktake.enter(shop, PASTE, 3)
    shop.clock.set(datetime(2026, 11, 3, 18, 0))
    stocktake.post(shop, "年底盘点")
    rows = shop.db.all("SELECT product_id, move_id FROM stock_count_line WHERE counted IS NOT NULL")
    moved = {r["product_id"]: r["move_id"] for r in rows}
    soap = products.resolve(shop, "香皂").id
    assert shop.db.scalar("SELECT qty FROM stock_move WHERE id = ?", (moved[soap],)) == 1
    assert list(moved.values()).count(None) == 1        # 牙膏 matched: nothing to post
    status = shop.db.one("SELECT status, reason, closed_at FROM stock_count WHERE id = ?", (count.id,))
    assert (status["status"], status["reason"]) == ("posted", "年底盘点")
    assert status["closed_at"].startswith("2026-11-03 18:00")
    assert stocktake.current(shop) is None
    actions = [r[0] for r in shop.db.all("SELECT action FROM audit ORDER BY seq DESC LIMIT 2")]
    assert actions == ["stocktake.post", "stock.take"]


def test_a_closed_count_cannot_be_changed_behind_the_programs_back(shop):
    count = stocktake.start(shop)
    stocktake.enter(shop, "香皂", 29)
    stocktake.post(shop)
    for sql in ("UPDATE stock_count_line SET counted = 5", "UPDATE stock_count SET reason = 'x'",
                "DELETE FROM stock_count_line", "DELETE FROM stock_count"):
        with pytest.raises(sqlite3.DatabaseError):
            shop.db.execute(sql)
    assert shop.db.scalar("SELECT COUNT(*) FROM stock_count WHERE id = ?", (count.id,)) == 1


def test_a_count_entered_twice_is_refused_unless_it_is_a_recount(buyer, volunteer):
    stocktake.start(buyer)
    buyer.clock.set(datetime(2026, 11, 3, 15, 20))
    stocktake.enter(buyer, "香皂", 28)
    exc = refuse(buyer.db, "stocktake_counted_twice", stocktake.enter, buyer, "香皂", 29)
    assert exc.message("zh") == "“香皂”已经录过数了（28件，15:20 录入）。如果是重新清点的，请选“重新清点”再录入。"
    assert_english(exc)
    sell(volunteer, "香皂x1")                           # 29 on the books
    line = stocktake.enter(buyer, "香皂", 27, recount=True)  # counted again, now
    assert (line.counted, line.at_count, line.difference) == (27, 29, -2)
    stocktake.post(buyer)
    assert stock_of(buyer, "香皂") == (27, 27)


def test_starting_a_second_count_is_refused(shop):
    stocktake.start(shop)
    exc = refuse(shop.db, "stocktake_already_open", stocktake.start, shop)
    assert exc.message("zh").startswith("已经有一次盘点在进行（刘建军 在 2026-11-03 09:30 开始）")
    assert_english(exc)


@pytest.mark.parametrize("step", [
    lambda ctx: stocktake.post(ctx), lambda ctx: stocktake.enter(ctx, "香皂", 3),
    lambda ctx: stocktake.cancel(ctx), lambda ctx: stocktake.show(ctx),
])
def test_without_an_open_count_nothing_can_be_posted_entered_or_cancelled(shop, step):
    exc = refuse(shop.db, "stocktake_none_open", step, shop)
    assert exc.message("zh") == "现在没有进行中的盘点。请先点“开始盘点”。"


def test_posting_a_count_with_nothing_counted_is_refused(shop):
    stocktake.start(shop)
    refuse(shop.db, "stocktake_nothing_counted", stocktake.post, shop)


@pytest.mark.parametrize(("qty", "code"), [("-1", "count_negative"), ("2.5", "qty_not_whole"),
                                           ("abc", "qty_not_whole"), ("100001", "qty_absurd")])
def test_a_bad_counted_quantity_is_refused(shop, qty, code):
    stocktake.start(shop)
    refuse(shop.db, code, stocktake.enter, shop, "香皂", qty)


def test_a_count_that_would_leave_negative_stock_is_refused_whole(buyer, volunteer):
    stocktake.start(buyer)
    stocktake.enter(buyer, "香皂", 30)
    stocktake.enter(buyer, PASTE, 0)                   # 3 on the books, none on the shelf
    stock.receive(volunteer, PASTE, 2)                 # ... then a delivery,
    sell(volunteer, f"{PASTE}x5")                      # ... and five sold: the count was wrong
    exc = refuse(buyer.db, "stocktake_goes_negative", stocktake.post, buyer)
    assert "请重新清点这件商品" in exc.message("zh") and "牙膏" in exc.message("zh")
    assert_english(exc)


def test_a_product_added_during_the_count_can_be_counted(shop):
    stocktake.start(shop)
    soy = products.add_product(shop, name="酱油", price=8)
    stock.receive(shop, soy.code, 6)
    line = stocktake.enter(shop, "酱油", 5)
    assert (line.snapshot, line.at_count, line.difference) == (6, 6, -1)
    stocktake.post(shop)
    assert stock_of(shop, "酱油") == (5, 5)


def test_a_cancelled_count_changes_no_stock_and_a_new_one_may_start(shop):
    first = stocktake.start(shop)
    stocktake.enter(shop, "香皂", 1)
    stocktake.cancel(shop, "数错了")
    assert stock_of(shop, "香皂") == (30, 30)
    assert shop.db.scalar("SELECT status FROM stock_count WHERE id = ?", (first.id,)) == "cancelled"
    assert stocktake.start(shop).id != first.id


def test_a_single_item_count_is_refused_while_a_stocktake_is_open(shop):
    stocktake.start(shop)
    exc = refuse(shop.db, "stocktake_use_count", stock.take, shop, "香皂", 29)
    assert "香皂" in exc.message("zh")


def test_a_volunteer_cannot_count(shop, volunteer):
    refuse(shop.db, "not_allowed", stocktake.start, volunteer)
    stocktake.start(shop)
    refuse(shop.db, "not_allowed", stocktake.enter, volunteer, "香皂", 3)
    refuse(shop.db, "not_allowed", stocktake.post, volunteer)
    refuse(shop.db, "not_allowed", stocktake.cancel, volunteer)


def test_the_count_sheet_lists_every_product_with_a_blank_column(shop, tmp_path):
    from pypdf import PdfReader

    stocktake.start(shop)
    path = stocktake.save_sheet(shop, tmp_path / "sheet.pdf")
    text = PdfReader(path).pages[0].extract_text()
    for expected in ("盘点表", "实盘数量", "大米 5kg", RICE, "香皂", "牙膏", PASTE, "盘点人"):
        assert expected in text
    assert "30" not in text.replace("09:30", "")       # the book figures are not printed
