"""What the counter is told when a later round settles 外村兑换 that waited (kiosk/services/sync/cross_notes.py).

One note per exchange closed: the sale recorded (goods may go, the slip can be printed), the
township's "no" (nothing taken, no goods) or the id held for another card (call the clerk); each
names the receipt and the visitor, never an id. What still waits is not a note: the waiting line
says it. The villages of tests/sync/test_cross.py: 王小明 (JF000001) of 青石村 at 桃源村's counter.
"""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.core.cart import CartLine
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.services.shop import products
from kiosk.services.sync import cross_notes, cross_pending, cross_village
from kiosk.store import cross_sales
from kiosk.store import goods as goods_store
from tests.sync.test_cross_pending import books_taken_while_answering, debits, lost, offline, system  # noqa: F401
from tests.sync.test_cross_refusals_signed import _card_changed_on_the_way, lost_exchange, with_points
from tests.sync.test_cross import publish_rate, qingshi, toothpaste, township, villages  # noqa: F401  (fixtures)


def ids(ctx) -> set[str]:
    """Every id an exchange here has: none may show in the words."""
    return {row[0] for row in ctx.db.all("SELECT id FROM cross_pending UNION SELECT id FROM cross_sale"
                                         " UNION SELECT home_village_id FROM cross_pending")}


def no_id_in(notes, ctx) -> bool:
    return not any(found in note.text for note in notes for found in ids(ctx) if found)


def test_a_sale_recorded_later_is_a_note_with_its_receipt_and_the_visitor_and_its_slip(lost):
    _shop, here, _store, http = lost
    receipt = here.db.scalar("SELECT receipt FROM cross_pending")
    notes = cross_notes.notes(cross_village.settle_pending(system(here), http))
    assert [note.outcome for note in notes] == [cross_notes.SOLD]
    note = notes[0]
    assert note.text == (f"外村兑换乡镇已确认：小票 {receipt}，王*明（青石村），10 分，已记账。"
                         "没给他的商品现在可以给了。")
    assert note.sale is not None and note.sale.receipt == receipt, "its slip can be printed from the note"
    assert no_id_in(notes, here)


def test_the_townships_no_is_a_note_that_says_nothing_was_taken_and_no_goods(villages):
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    rice = products.resolve(here, "6901234567892")      # 62.50 at home; he has 30.00
    pending = cross_pending.write_down(here, new_id(), visitor, [CartLine(rice.id, rice.name, rice.price, 1)])
    notes = cross_notes.notes(cross_village.settle_pending(system(here), http))
    assert [note.outcome for note in notes] == [cross_notes.REFUSED] and notes[0].sale is None
    words = notes[0].text
    assert f"小票 {pending['receipt']}（青石村，卡号 JF000001，50 分）" in words
    assert "他的分没有扣" in words and "商品不要给" in words and "积分不够" in words
    assert no_id_in(notes, here)


def test_an_id_held_for_another_card_is_a_note_that_says_call_the_clerk(villages):
    _shop, here, _store, http = villages
    visitor, middle = _card_changed_on_the_way(villages)
    with pytest.raises(Refused):
        cross_village.redeem(here, middle, visitor, toothpaste(here, 1))
    held = cross_sales.open_pending(here.db)[0]["receipt"]
    notes = cross_notes.notes(cross_village.settle_pending(system(here), http))
    assert [note.outcome for note in notes] == [cross_notes.HELD]
    words = notes[0].text
    assert words.startswith("青石村，卡号 JF000001：") and f"小票号 {held}" in words and "乡镇管理员" in words
    assert no_id_in(notes, here)


def test_what_still_waits_is_no_note_and_the_waiting_line_keeps_it(villages):
    _shop, here, store, http = villages
    publish_rate(store)
    lost_exchange(here, http)
    settled = cross_village.settle_pending(system(here), offline())
    assert cross_notes.notes(settled) == () and cross_notes.notes(None) == ()
    assert cross_village.settled_words(settled) == ["有 1 笔外村兑换等待乡镇确认"]


def test_a_village_the_counter_has_not_learnt_is_left_out_not_shown_by_its_id():
    ended = cross_pending.Ended("W261103-01-0001", "JF000001", "", Points(500), "cross_short",
                                (("balance", "1.00"), ("needed", "6.25"), ("home", "青石村")))
    assert cross_notes.who(ended) == "卡号 JF000001"
    assert cross_notes.refused_words(ended).startswith("外村兑换没有成功：小票 W261103-01-0001（卡号 JF000001，5 分）")


@pytest.mark.parametrize("failing", ["busy", "mid-write"])
def test_what_a_round_settled_is_said_though_the_books_fail_on_the_next_exchange(villages, monkeypatch, failing):
    """Found by review: a round recorded one sale, then the books failed on the next exchange, and the
    whole round came back as nothing: the "goods may be given now" note never showed, and later rounds
    ask only open exchanges. The books busy with another program's write ("busy", SQLite's own
    "database is locked" as the store words it), or an error in the middle of the sale's write."""
    shop, here, store, http = villages
    with_points(shop, http, "JF000003")
    publish_rate(store)
    first, second = lost_exchange(here, http), lost_exchange(here, http, card="JF000003")
    second_id = here.db.scalar("SELECT id FROM cross_pending WHERE receipt = ?", (second,))
    other = sqlite3.connect(here.db.path, isolation_level=None)
    asked = http
    if failing == "busy":
        here.db.conn.execute("PRAGMA busy_timeout = 0")      # said at once, not after 5 s
        asked = books_taken_while_answering(http, second_id, other)
    else:
        real = goods_store.sale_moves

        def locked_on_the_second(conn, *, sale_id, **rest):
            if sale_id == second_id:
                raise sqlite3.OperationalError("database is locked")
            return real(conn, sale_id=sale_id, **rest)
        monkeypatch.setattr(goods_store, "sale_moves", locked_on_the_second)
    try:
        settled = cross_village.settle_after_sync(here.db, asked, here.clock)
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert settled is not None and [sale.receipt for sale in settled.sold] == [first]
    assert (settled.refused, settled.held_for_another, settled.waiting) == ((), (), 1), "no word of a refusal"
    notes = cross_notes.notes(settled)
    assert [(note.outcome, note.sale.receipt) for note in notes] == [(cross_notes.SOLD, first)]
    assert "没给他的商品现在可以给了" in notes[0].text
    assert [row["receipt"] for row in cross_sales.open_pending(here.db)] == [second], "the second waits"
    monkeypatch.undo()
    later = cross_village.settle_after_sync(here.db, http, here.clock)
    assert [sale.receipt for sale in later.sold] == [second] and later.waiting == 0
    assert debits(store) == 2 and here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 2, "each once"
