"""The books' chain hashes what syncs: an entry as SQLite writes it in the chain is the
outbox body's canonical JSON, byte for byte, odd text included; what its link hashes is
that JSON's values in key order."""

from __future__ import annotations

import pytest

from kiosk.core.canonical import canonical_text
from kiosk.store import chain, rendered
from kiosk.store.bodies import plain_bodies
from tests.conftest import give


@pytest.mark.parametrize("note", ['引号"和\\斜杠', "换行\n制表\t", "控制\x01字符\x7f", "😀 / \u2028"])
def test_an_entry_in_the_chain_is_its_sync_body(shop, note):
    give(shop, "JF000001")
    entry = shop.db.scalar("SELECT id FROM entry ORDER BY at DESC LIMIT 1")
    shop.db.execute("DROP TRIGGER entry_no_update")
    shop.db.execute("UPDATE entry SET note = ? WHERE id = ?", (note, entry))
    in_chain = chain.bodies_of(shop.db.conn, "entry", [entry])[entry]
    assert in_chain == canonical_text(plain_bodies(shop.db, "entry", [entry])[entry])


@pytest.mark.parametrize("note", ['引号"和\\斜杠', "换行\n制表\t", "控制\x01字符\x7f", "😀 / \u2028"])
def test_an_entry_is_hashed_as_its_sync_body_values_in_key_order(shop, note):
    give(shop, "JF000001")
    entry = shop.db.scalar("SELECT id FROM entry ORDER BY at DESC LIMIT 1")
    shop.db.execute("DROP TRIGGER entry_no_update")
    shop.db.execute("UPDATE entry SET note = ? WHERE id = ?", (note, entry))
    hashed = shop.db.scalar(f"SELECT {chain.hashed_sql(shop.db.conn, 'entry')} FROM entry t WHERE t.id = ?", (entry,))
    body = plain_bodies(shop.db, "entry", [entry])[entry]
    assert hashed == canonical_text([body[key] for key in sorted(body)])


def test_every_record_written_is_sealed_in_order(shop):
    give(shop, "JF000001", 2)
    rows = shop.db.all("SELECT position, link_hash FROM chain ORDER BY position")
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert all(r[1] for r in rows) and len({r[1] for r in rows}) == len(rows)


@pytest.mark.parametrize("name", ['引号"和\\斜杠', "换行\n制表\t", "控制\x01字符\x7f", "😀 / \u2028 𠮷"])
def test_a_sale_written_by_sqlite_is_its_sync_body_byte_for_byte(shop, name):
    from kiosk.services.shop import checkout

    give(shop, "JF000001", 4)
    sale = checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    shop.db.execute("DROP TRIGGER sale_line_no_update")
    shop.db.execute("UPDATE sale_line SET name = ? WHERE sale_id = ?", (name, sale.id))
    python = canonical_text(plain_bodies(shop.db, "sale", [sale.id])[sale.id])
    assert rendered.bodies(shop.db.conn, "sale", [sale.id]) == {sale.id: python}
    assert chain.bodies_of(shop.db.conn, "sale", [sale.id])[sale.id] == python


def test_a_sale_gone_falls_back_to_its_removed_body(shop):
    assert chain.bodies_of(shop.db.conn, "sale", ["no-such-sale"]) == {
        "no-such-sale": canonical_text({"id": "no-such-sale", "removed": True})}


def test_a_sales_entry_and_stock_moves_enter_the_chain_in_its_body_only(shop):
    """Migration 0028: a redeem chains its sale (with entry and stock moves in the body) and
    its audit row, not the entry and moves again each on their own."""
    from kiosk.services.shop import checkout

    give(shop, "JF000001", 4)
    last = shop.db.scalar("SELECT MAX(position) FROM chain")
    sale = checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    kinds = [row[0] for row in shop.db.all("SELECT record_type FROM chain WHERE position > ? ORDER BY position", (last,))]
    assert sorted(kinds) == ["audit", "sale"]
    assert shop.db.scalar("SELECT COUNT(*) FROM journal WHERE record_id IN (SELECT id FROM entry WHERE sale_id = ?)"
                          " OR record_id IN (SELECT id FROM stock_move WHERE sale_id = ?)", (sale.id, sale.id)) == 2


def test_a_sales_entry_edited_is_still_found_through_its_sale(shop):
    from kiosk.services.audit.check import run_check
    from kiosk.services.shop import checkout

    give(shop, "JF000001", 4)
    sale = checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    assert run_check(shop.db).problems == []
    shop.db.execute("DROP TRIGGER entry_no_update")
    shop.db.execute("UPDATE entry SET note = 'x' WHERE sale_id = ?", (sale.id,))
    found = run_check(shop.db).problems
    assert any("兑换单" in text and "被改动过" in text for text in found), found
