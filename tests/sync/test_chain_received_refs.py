"""A received award's rule, as this counter held it when the award came: applied without it when
the rule came later (kiosk/sync/apply_rows.py insert_entry), and that passes `kiosk check`; one
held then and taken off by hand is found (kiosk/store/chain_received.py HELD_WHEN_APPLIED)."""

from __future__ import annotations

import pytest

from kiosk.services.audit.check import run_check
from kiosk.store import migrations
from kiosk.sync import apply
from tests import older_program
from tests.services.audit.test_chain_tamper import tamper
from tests.sync import remote


def _problems(shop) -> list[str]:
    return run_check(shop.db).problems


def _award_with_rule(shop, *pages):
    """Pages of records applied one after another on `shop`."""
    for n, page in enumerate(pages, 1):
        apply.apply_page(shop.db, page, str(n), f"2026-11-03 10:0{n}:00")


def test_an_award_applied_before_its_rule_came_keeps_no_rule_and_passes(shop):
    rule = remote.township_rule("xz_later")
    award = remote.entry(shop.db, rule_id=rule.body["id"], qty=100)
    _award_with_rule(shop, [award], [rule])
    assert shop.db.scalar("SELECT rule_id FROM entry WHERE id = ?", (award.id,)) is None
    assert shop.db.scalar("SELECT COUNT(*) FROM rule WHERE id = ?", (rule.body["id"],)) == 1
    assert _problems(shop) == []


def test_an_award_whose_rule_was_held_when_it_came_with_the_rule_taken_off_by_hand_is_found(shop):
    rule = remote.township_rule("xz_first")
    award = remote.entry(shop.db, rule_id=rule.body["id"], qty=100)
    _award_with_rule(shop, [rule, award])
    assert shop.db.scalar("SELECT rule_id FROM entry WHERE id = ?", (award.id,)) == rule.body["id"]
    tamper(shop.db.path, f"UPDATE entry SET rule_id = NULL WHERE id = '{award.id}'", drop=("entry_no_update",))
    assert _problems(shop) != []



@pytest.fixture
def program_before_0030(tmp_path, monkeypatch):
    return older_program.before(30, tmp_path, monkeypatch)


def test_an_award_applied_before_its_rule_came_on_books_upgraded_since_passes(program_before_0030, shop):
    """0030 chained the records received before it in one batch, after the rules they name: the
    chain's order does not say what was held then, so the check holds only what came after 0033."""
    rule = remote.township_rule("xz_old")
    _award_with_rule(shop, [remote.entry(shop.db, rule_id=rule.body["id"], qty=100)], [rule])
    db = shop.db
    db.close()
    program_before_0030.undo()
    upgraded = migrations.open_database(db.path)
    try:
        assert run_check(upgraded).problems == []
    finally:
        upgraded.close()
