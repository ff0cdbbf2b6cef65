"""Authority per record type (DESIGN invariant 12), at the counter: the table lists every synced
type, and a pulled hold, release, price or rate is applied only when the township wrote it."""

from __future__ import annotations

import pytest

from kiosk.sync import apply, authority, outbox
from kiosk.sync.wire import Record
from tests.conftest import KEEPING, chain_length, fingerprint, kept_only_as_received
from tests.sync import remote

AT = "2026-11-03 10:05:00"
TOWNSHIP_TYPES = sorted(t for t, who in authority.AUTHOR.items() if who == authority.TOWNSHIP)


def test_every_type_the_counter_sends_or_applies_has_its_author_in_the_table():
    synced = set(outbox.SPECS) | set(apply._HANDLERS)
    assert synced <= set(authority.AUTHOR), synced - set(authority.AUTHOR)
    sent = set(outbox.SPECS)
    assert not {t for t in sent if authority.author(t) == authority.TOWNSHIP}   # a counter never journals them


def _township_record(shop, record_type: str, terminal_id: str) -> Record:
    account_id, _ = remote.account_of(shop.db, "JF000001")
    body = {"account_id": account_id, "reason": "随便冻结", "note": "随便解冻", "code": "690-t",
            "price": 1, "from_village": "A", "to_village": "B", "rate": "9",
            "returned_at": "2026-11-03T10:00:00Z", "township_rule_id": "rule-xz_ljfl",
            "village_rule_id": shop.db.scalar("SELECT id FROM rule WHERE code = 'hjqs'"),
            "operator_id": shop.db.scalar("SELECT id FROM operator WHERE name = '张晓燕'"), "pin_version": 1}
    return Record.make(f"{record_type}-{terminal_id}", terminal_id, 90, record_type, body)


@pytest.mark.parametrize("record_type", TOWNSHIP_TYPES)
def test_a_township_type_from_another_terminal_is_kept_never_applied(shop, record_type):
    if record_type == "hold_released":   # something to release, from the township
        apply.apply_page(shop.db, [remote.hold(shop.db, reason="乡镇核查中")], "1", AT)
    if record_type == "price":           # a township product whose price a rogue would change
        apply.apply_page(shop.db, [remote.township_product(code="690-t", price=1200)], "1", AT)
    if record_type == "rule_mapping":    # a township rule a rogue would map a village rule to
        apply.apply_page(shop.db, [remote.township_rule()], "1", AT)
    before, chained = fingerprint(shop.db, skip=KEEPING), chain_length(shop.db)
    result = apply.apply_page(shop.db, [_township_record(shop, record_type, remote.OTHER)], "2", AT)
    assert result.applied == 0
    assert shop.db.scalar("SELECT applied FROM sync_remote WHERE type = ?", (record_type,)) == 0
    assert fingerprint(shop.db, skip=KEEPING) == before
    assert kept_only_as_received(shop.db, chained)


@pytest.mark.parametrize("record_type", [t for t in TOWNSHIP_TYPES if t in apply._HANDLERS])
def test_the_same_type_from_the_township_is_applied(shop, record_type):
    if record_type == "hold_released":
        apply.apply_page(shop.db, [remote.hold(shop.db, reason="乡镇核查中")], "1", AT)
    if record_type == "price":
        apply.apply_page(shop.db, [remote.township_product(code="690-t", price=1200)], "1", AT)
    if record_type == "rule_mapping":
        apply.apply_page(shop.db, [remote.township_rule()], "1", AT)
    record = _township_record(shop, record_type, "township")
    assert apply.apply_page(shop.db, [record], "3", AT).applied == 1


@pytest.mark.parametrize("record_type", ["rule", "product"])
def test_a_rule_or_product_from_a_counter_is_the_villages_own(shop, record_type):
    made = remote.township_rule(code="cun_1") if record_type == "rule" else remote.township_product(code="690-cun")
    body = {**made.body, "owner": "township"}
    record = Record.make("from-a-counter", remote.OTHER, 92, record_type, body)
    assert apply.apply_page(shop.db, [record], "1", AT).applied == 1
    assert shop.db.scalar(f"SELECT owner FROM {record_type} WHERE id = ?", (body["id"],)) == "village"
