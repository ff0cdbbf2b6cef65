"""The outbox: every record type journaled today serialises; bodies are plain JSON, frozen."""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from kiosk.services.shop import checkout, refunds
from kiosk.sync import outbox
from kiosk.sync.wire import canonical
from tests.conftest import give

ROOT = pathlib.Path(__file__).resolve().parents[2] / "kiosk"


def journaled_types() -> set[str]:
    """Every record type the code journals, read from the source (so a new one is noticed)."""
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "journal.record" not in text or path.relative_to(ROOT).parts[0] == "sync":
            continue
        found |= set(re.findall(r'journal\.record\(\s*conn,\s*[^,]+,\s*"([a-z_]+)"', text))
        found |= set(re.findall(r'\(\s*"([a-z_]+)",\s*[a-z_.]*id\)', text))
    return found


def test_the_source_scan_finds_the_known_types():
    assert {"entry", "sale", "refund", "stock_move", "resident", "product", "rule", "claim"} <= journaled_types()


@pytest.mark.parametrize("record_type", sorted(journaled_types()))
def test_every_journaled_type_has_a_serialiser(shop, record_type):
    assert record_type in outbox.SPECS
    body = outbox.bodies(shop.db, record_type, ["no-such-id"])["no-such-id"]
    assert body["removed"] is True


def test_an_unknown_type_is_a_bug_not_data_to_skip(shop):
    with pytest.raises(outbox.UnknownRecordType):
        outbox.bodies(shop.db, "spaceship", ["x"])


def _lively(shop):
    give(shop, "JF000001", 20)
    sale = checkout.redeem_items(shop, "JF000001", ["6901234567892", "6920000000012*2"])
    refunds.refund(shop, sale.receipt, "拿错了", {2: 1})
    return sale


def test_a_lively_shop_serialises_every_journal_row(shop):
    _lively(shop)
    records = outbox.pending(shop.db, 0, 10_000)
    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    kinds = {r.type for r in records}
    assert {"entry", "sale", "refund", "stock_move", "resident", "household", "account", "rule", "product"} <= kinds
    for record in records:
        assert record.intact()
        assert "removed" not in record.body, record
        canonical(record.body)  # plain JSON: no floats, no bytes
        assert not any(isinstance(v, float) for v in record.body.values())


def test_a_sale_travels_with_its_lines_entry_and_stock_moves(shop):
    sale = _lively(shop)
    record = next(r for r in outbox.pending(shop.db, 0, 10_000) if r.type == "sale")
    body = record.body
    assert body["receipt"] == sale.receipt and record.id == body["id"]
    assert [line["line_no"] for line in body["lines"]] == [1, 2]
    assert body["entry"]["kind"] == "redeem" and body["entry"]["hundredths"] == -6000
    assert sorted(m["qty"] for m in body["stock_moves"]) == [-2, -1]


def test_an_entry_carries_what_the_township_needs(shop):
    give(shop, "JF000001")
    entry = [r for r in outbox.pending(shop.db, 0, 10_000) if r.type == "entry"][-1].body
    for field in ("account_id", "resident_id", "kind", "hundredths", "rule_id", "activity_date", "note",
                  "reverses_id", "terminal_id", "at"):
        assert field in entry
    assert entry["hundredths"] == 500 and isinstance(entry["hundredths"], int)


def test_a_resident_travels_without_the_pin_hash(shop):
    record = next(r for r in outbox.pending(shop.db, 0, 10_000) if r.type == "resident")
    assert "pin_hash" not in record.body and record.body["name"]


def test_versions_of_a_changing_record_travel_under_their_own_ids(shop):
    records = [r for r in outbox.pending(shop.db, 0, 10_000) if r.type == "product"]
    assert len({r.id for r in records}) == len(records)
    assert all(r.id != r.body["id"] for r in records)


def test_a_body_is_frozen_when_first_read_so_a_resend_is_identical(shop):
    first = outbox.pending(shop.db, 0, 10_000)
    product = next(r for r in first if r.type == "product")
    with shop.db.write() as conn:  # the product changes later (as a price change would)
        conn.execute("UPDATE product SET name = '新名字' WHERE id = ?", (product.body["id"],))
    again = outbox.pending(shop.db, 0, 10_000)
    assert again == first


def test_reading_is_in_batches_after_the_high_water(shop):
    give(shop, "JF000001", 5)
    total = outbox.waiting(shop.db, 0)
    page = outbox.pending(shop.db, total - 3, 2)
    assert [r.seq for r in page] == [total - 2, total - 1]
    assert outbox.pending(shop.db, total, 50) == []
    stored = shop.db.scalar("SELECT body FROM sync_outbox WHERE seq = ?", (total - 2,))
    assert json.loads(stored) == page[0].body
