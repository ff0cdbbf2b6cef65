"""The books' chain hashes what syncs: an entry as SQLite writes it in the chain is the
outbox body's canonical JSON, byte for byte, odd text included; what its link hashes is
that JSON's values in key order."""

from __future__ import annotations

import pytest

from kiosk.core.canonical import canonical_text
from kiosk.store import chain
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
