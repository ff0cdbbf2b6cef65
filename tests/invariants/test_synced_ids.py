"""Invariant 7, stated precisely (README, "How the books stay right"): the id a record syncs under.

- Every row that syncs has its own id, a UUIDv7 made where it was born (a product's
  picture goes by its product's id).
- A record written once (its table is a history table, kiosk.store.history) travels under
  that id.
- A record that changes (resident, product, claim …) travels once per change, each version
  under a UUIDv5 of (the counter's terminal id, the journal's seq) in one fixed namespace,
  with the row's own id in the body. The same journal row always gets the same id, so a
  version sent again is a duplicate and a different body under that seq a conflict.
- A record born on the township travels under a UUIDv7 made there.
"""

from __future__ import annotations

import uuid

from kiosk.core.ids import new_id
from kiosk.services.points import awards
from kiosk.services.stock import suppliers
from kiosk.store import journal
from kiosk.store.bodies import SPECS
from kiosk.store.history import HISTORY_TABLES
from kiosk.sync import outbox
from kiosk.township.store import TOWNSHIP, Store
from tests.store.history_rows import AT, fill_every_history_table

VERSIONS = uuid.UUID("6f1c2a4e-8d1b-4f57-9b0e-3c6d2f7a9e10")   # fixed for ever: changing it re-ids every version


def is_uuid7(text: str) -> bool:
    value = uuid.UUID(text)
    return value.version == 7 and value.variant == uuid.RFC_4122 and str(value) == text


def _the_rest_of_the_record_types(shop, volunteer) -> None:
    """Claim, supplier, objection and picture: the versioned types the fixture village lacks."""
    awards.award(volunteer, "JF000004", "hjqs")                       # a volunteer's award is a claim
    suppliers.add(shop, "村口惠民超市", "采购", "李老板")
    db, objection = shop.db, new_id()
    terminal = db.scalar("SELECT value FROM meta WHERE key = 'terminal_id'")
    product, entry = db.scalar("SELECT id FROM product LIMIT 1"), db.scalar("SELECT id FROM entry LIMIT 1")
    operator = db.scalar("SELECT id FROM operator LIMIT 1")
    with db.write() as conn:
        conn.execute("INSERT INTO objection (id, entry_id, objector, why, recorded_by, recorded_at)"
                     " VALUES (?, ?, '王大妈', '那天没去', ?, ?)", (objection, entry, operator, AT))
        conn.execute("INSERT INTO product_picture (product_id, mime, width, height, data, sha256, updated_at)"
                     " VALUES (?, 'image/png', 1, 1, x'89504e47', ?, ?)", (product, "0" * 64, AT))
        journal.record(conn, terminal, "objection", objection)
        journal.record(conn, terminal, "product_picture", product)


def test_every_synced_record_type_travels_under_the_id_the_rule_gives(shop, volunteer):
    fill_every_history_table(shop, volunteer)
    _the_rest_of_the_record_types(shop, volunteer)
    records = outbox.pending(shop.db, 0, limit=100_000)
    assert {r.type for r in records} == set(SPECS), "a record type with no record here: add one"
    for record in records:
        spec = SPECS[record.type]
        own = record.body[spec.key]
        assert is_uuid7(own), (record.type, own)
        if spec.table in HISTORY_TABLES:
            assert record.id == own, record.type
        else:
            assert record.id == str(uuid.uuid5(VERSIONS, f"{record.terminal_id}:{record.seq}")), record.type


def test_the_same_version_gets_the_same_id_when_made_again(shop):
    first = outbox.pending(shop.db, 0, limit=100_000)
    shop.db.execute("DELETE FROM sync_outbox")              # the frozen bodies forgotten, as after an ack
    again = outbox.pending(shop.db, 0, limit=100_000)
    assert [r.id for r in again] == [r.id for r in first]


def test_a_record_born_on_the_township_travels_under_a_uuid7(tmp_path):
    store = Store(tmp_path / "township.sqlite3")
    try:
        with store.write() as conn:
            record = store.publish(conn, "rate", {"from": "a", "to": "b", "rate": "1"}, None)
    finally:
        store.close()
    assert record.terminal_id == TOWNSHIP and is_uuid7(record.id)
