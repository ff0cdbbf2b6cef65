"""Applying a pulled page: remote entries, holds, township items; idempotent; check still passes."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from kiosk.core.errors import Refused
from kiosk.services.audit import check
from kiosk.services.shop import catalogue
from kiosk.store import ledger
from kiosk.sync import apply
from kiosk.sync.wire import Record
from tests.conftest import fingerprint, give
from tests.sync import remote

AT = "2026-11-03 10:05:00"


def test_an_entry_made_elsewhere_counts_in_the_local_balance(shop):
    give(shop, "JF000001")
    account_id, _ = remote.account_of(shop.db, "JF000001")
    before = ledger.balance(shop.db, account_id)
    journal_before = shop.db.scalar("SELECT COUNT(*) FROM journal")
    result = apply.apply_page(shop.db, [remote.entry(shop.db, hundredths=800)], "1", AT)
    assert result.applied == 1
    assert ledger.balance(shop.db, account_id) == before + 800
    assert shop.db.scalar("SELECT COUNT(*) FROM journal") == journal_before  # not ours to push
    assert shop.db.scalar("SELECT pull_cursor FROM sync_state") == "1"
    report = check.run_check(shop.db)
    assert report.ok, report.problems


def test_applying_the_same_page_twice_changes_nothing(shop):
    page = [remote.entry(shop.db), remote.hold(shop.db), remote.township_rule(), remote.township_product()]
    apply.apply_page(shop.db, page, "4", AT)
    before = fingerprint(shop.db)
    again = apply.apply_page(shop.db, page, "4", AT)
    assert (again.applied, again.already) == (0, 4)
    assert fingerprint(shop.db) == before


def test_an_older_cursor_never_moves_the_cursor_back(shop):
    apply.apply_page(shop.db, [], "10", AT)
    apply.apply_page(shop.db, [], "7", AT)
    assert shop.db.scalar("SELECT pull_cursor FROM sync_state") == "10"


def test_a_hold_sets_and_clears_the_accounts_hold_reason(shop):
    account_id, _ = remote.account_of(shop.db, "JF000001")
    apply.apply_page(shop.db, [remote.hold(shop.db, reason="乡镇核查中")], "1", AT)
    assert shop.db.scalar("SELECT hold_reason FROM account WHERE id = ?", (account_id,)) == "乡镇核查中"
    apply.apply_page(shop.db, [remote.hold(shop.db, reason=None)], "2", AT)
    assert shop.db.scalar("SELECT hold_reason FROM account WHERE id = ?", (account_id,)) is None


def test_township_rules_and_products_arrive_read_only(shop):
    apply.apply_page(shop.db, [remote.township_rule(), remote.township_product()], "2", AT)
    assert shop.db.scalar("SELECT owner FROM rule WHERE code = 'xz_ljfl'") == "township"
    assert shop.db.scalar("SELECT owner FROM product WHERE code = '6922222222227'") == "township"
    assert shop.db.scalar("SELECT qty FROM stock WHERE product_id = 'product-6922222222227'") == 0
    before = fingerprint(shop.db)
    with pytest.raises(Refused) as refused:
        catalogue.set_active(shop, "6922222222227", False)
    assert "乡镇" in refused.value.message()
    assert fingerprint(shop.db) == before


def test_a_newer_township_price_updates_the_row(shop):
    apply.apply_page(shop.db, [remote.township_product(price=1200)], "1", AT)
    apply.apply_page(shop.db, [remote.township_product(price=1500)], "2", AT)
    assert shop.db.scalar("SELECT price FROM product WHERE code = '6922222222227'") == 1500


def test_a_township_item_never_overwrites_a_village_one(shop):
    local = shop.db.scalar("SELECT code FROM rule WHERE owner = 'village' LIMIT 1")
    result = apply.apply_page(shop.db, [remote.township_rule(code=local)], "1", AT)
    assert result.applied == 0
    assert shop.db.scalar("SELECT owner FROM rule WHERE code = ?", (local,)) == "village"
    assert shop.db.scalar("SELECT applied FROM sync_remote") == 0  # kept, not applied


def test_an_entry_for_an_account_elsewhere_is_kept_but_not_applied(shop):
    record = remote.entry(shop.db)
    body = {**record.body, "account_id": "someone-elses-account"}
    result = apply.apply_page(shop.db, [Record.make(record.id, record.terminal_id, record.seq, "entry", body)],
                              "1", AT)
    assert result.applied == 0 and shop.db.scalar("SELECT COUNT(*) FROM sync_remote") == 1


def test_a_tampered_record_refuses_the_whole_page(shop):
    good, bad = remote.entry(shop.db), remote.entry(shop.db)
    bad = dataclasses.replace(bad, body={**bad.body, "hundredths": 99_900})
    before = fingerprint(shop.db)
    with pytest.raises(apply.BadRecord):
        apply.apply_page(shop.db, [good, bad], "2", AT)
    assert fingerprint(shop.db) == before


def test_a_broken_body_is_kept_unapplied_and_the_rest_goes_on(shop):
    broken = remote.entry(shop.db)
    broken = Record.make(broken.id, broken.terminal_id, broken.seq, "entry", {**broken.body, "kind": "gift"})
    result = apply.apply_page(shop.db, [broken, remote.entry(shop.db)], "2", AT)
    assert (result.received, result.applied) == (2, 1)
    assert check.run_check(shop.db).ok


def test_a_released_hold_clears_it(shop):
    account_id, _ = remote.account_of(shop.db, "JF000001")
    apply.apply_page(shop.db, [remote.hold(shop.db)], "1", AT)
    released = Record.make("rel-1", "township", 99, "hold_released", {"account_id": account_id, "note": "已核实"})
    apply.apply_page(shop.db, [released], "2", AT)
    assert shop.db.scalar("SELECT hold_reason FROM account WHERE id = ?", (account_id,)) is None


def test_a_township_price_applies_only_to_township_products(shop):
    apply.apply_page(shop.db, [remote.township_product(price=1200)], "1", AT)
    prices = [Record.make("p-1", "township", 98, "price", {"code": "6922222222227", "price": 1800}),
              Record.make("p-2", "township", 97, "price", {"code": "6901234567892", "price": 1})]
    result = apply.apply_page(shop.db, prices, "3", AT)
    assert result.applied == 1
    assert shop.db.scalar("SELECT price FROM product WHERE code = '6922222222227'") == 1800
    assert shop.db.scalar("SELECT price FROM product WHERE code = '6901234567892'") == 5000


def test_a_database_error_while_applying_ends_the_page_and_parks_nothing(shop, monkeypatch):
    # A record that does not fit is kept aside and retried; a busy or failing database is not the
    # record's fault: the whole page is undone, the cursor stays, and the next pull brings it again.
    page = [remote.entry(shop.db, hundredths=300), remote.hold(shop.db)]
    before = fingerprint(shop.db)

    def busy(conn, record):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setitem(apply._HANDLERS, "hold", busy)
    with pytest.raises(sqlite3.OperationalError):
        apply.apply_page(shop.db, page, "2", AT)
    assert fingerprint(shop.db) == before
    monkeypatch.undo()
    done = apply.apply_page(shop.db, page, "2", AT)
    assert done.applied == 2 and shop.db.scalar("SELECT COUNT(*) FROM sync_remote WHERE applied = 0") == 0
