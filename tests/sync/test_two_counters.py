"""Two counters of 青石村 on one township: what one writes, the other sees, and both agree.

Counter A is the `shop` village; counter B starts as a copy of it under its own identity,
as a second PC is set up from a backup; enrolment gives it terminal number 2. Both enrol with one real
township app (FastAPI, temp db) and sync through it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.services.people import cards, resident_changes, residents
from kiosk.services.points import activity, awards, claims
from kiosk.services.setup import backup, create as setup
from kiosk.services.shop import checkout
from kiosk.services.audit.check import run_check
from kiosk.services.context import Context
from kiosk.store.village import take_new_identity
from kiosk.sync import apply, client, enrolment
from kiosk.sync.wire import Record
from kiosk.township.app import create_app
from tests.conftest import fingerprint

NOW = datetime(2026, 11, 3, 18, 0, 0)
URL = "http://township.test"
TOOTHPASTE = "6920000000012"      # 牙膏 5 pts ×3


@dataclass
class Village:
    a: Context
    b: Context
    http: TestClient
    store: object

    def sync(self, *order: str) -> None:
        for name in order:
            result = client.sync_once(getattr(self, name).db, self.http, NOW)
            assert result.ok and result.quarantined == 0, result

    def everywhere(self, sql: str, params: tuple = ()) -> list:
        return [ctx.db.all(sql, params) for ctx in (self.a, self.b)]


@pytest.fixture
def village(township_db, shop, tmp_path):
    copy = tmp_path / "counter-b.sqlite"
    backup.backup(shop, copy)
    db_b = setup.open_shop(copy)
    with db_b.write() as conn:
        take_new_identity(conn, new_id="counter-b", at="2026-11-03 10:00:00")
        conn.execute("DELETE FROM meta WHERE key = 'sync.resume_from_server'")
    app = create_app(township_db, clock=lambda: NOW.timestamp())
    http = TestClient(app)
    http.__enter__()
    store = app.state.store
    store.add_village("青石村", "美德积分")
    for db in (shop.db, db_b):
        enrolment.enrol(db, http, URL, store.issue_code("青石村")["code"], NOW)
    b = Context(db_b, shop.actor, FixedClock(datetime(2026, 11, 3, 10, 0, 0), tick=timedelta(seconds=1)))
    yield Village(shop, b, http, store)
    http.__exit__(None, None, None)
    db_b.close()
    shutil.rmtree(tmp_path / "township.sqlite", ignore_errors=True)


def balances(ctx: Context) -> dict[str, int]:
    return {r["account_id"]: r["hundredths"] for r in ctx.db.all("SELECT * FROM balance WHERE hundredths != 0")}


def ledger_sums(ctx: Context) -> dict[str, int]:
    return {r[0]: r[1] for r in ctx.db.all("SELECT account_id, SUM(hundredths) FROM entry GROUP BY account_id"
                                           " HAVING SUM(hundredths) != 0")}


def test_a_resident_added_on_one_counter_redeems_at_the_other(village):
    added = residents.add_resident(village.a, name="赵大山", house_no="7组3号", phone="13800000001")
    awards.award(village.a, added.card_code, "hjqs", "4")                   # 20 points
    village.sync("a", "b")
    assert residents.resolve(village.b, "赵大山").card_code == added.card_code
    found = residents.resolve(village.b, added.card_code)
    sale = checkout.redeem_items(village.b, found.card_code, [f"{TOOTHPASTE}x2"])   # 10 points
    assert sale.balance_after.hundredths == 1000
    village.sync("b", "a", "b")
    a_balances, b_balances = balances(village.a), balances(village.b)
    township = {r["account_id"]: r["hundredths"] for r in village.store.all(
        "SELECT * FROM account_balance WHERE hundredths != 0")}
    assert a_balances == b_balances == ledger_sums(village.a) == ledger_sums(village.b)
    account = residents.account_id_for(village.a, residents.resolve(village.a, "赵大山"))
    assert a_balances[account] == township[account] == 1000
    stock = "SELECT p.code, s.qty FROM stock s JOIN product p ON p.id = s.product_id ORDER BY p.code"
    on_a, on_b = village.everywhere(stock)
    assert [tuple(r) for r in on_a] == [tuple(r) for r in on_b]
    assert dict(on_a)[TOOTHPASTE] == 1
    assert village.a.db.scalar("SELECT receipt FROM sale WHERE id = ?", (sale.id,)) == sale.receipt
    for ctx in (village.a, village.b):
        assert run_check(ctx.db).problems == []


def test_both_counters_edit_a_phone_offline_and_settle_on_the_later(village):
    village.a.clock.set(datetime(2026, 11, 3, 11, 0, 0))
    village.b.clock.set(datetime(2026, 11, 3, 12, 0, 0))
    resident_changes.edit(village.a, "JF000001", phone="13900000002")
    resident_changes.edit(village.b, "JF000001", phone="13700000003")     # later, though B syncs first
    village.sync("b", "a", "b", "a")
    phones = village.everywhere("SELECT phone FROM resident WHERE card_code = 'JF000001'")
    assert [rows[0][0] for rows in phones] == ["13700000003", "13700000003"]


def test_an_edit_made_after_seeing_another_wins_even_with_the_clock_behind(village):
    village.a.clock.set(datetime(2027, 11, 3, 11, 0, 0))                 # A's clock is a year ahead
    village.b.clock.set(datetime(2026, 11, 3, 12, 0, 0))
    resident_changes.edit(village.a, "JF000001", phone="13900000002")
    village.sync("a", "b")                                               # B has seen A's edit …
    resident_changes.edit(village.b, "JF000001", phone="13700000003")   # … and changes it after
    village.sync("b", "a", "b")
    phones = village.everywhere("SELECT phone FROM resident WHERE card_code = 'JF000001'")
    assert [rows[0][0] for rows in phones] == ["13700000003", "13700000003"]


def test_a_new_card_on_one_counter_survives_a_later_edit_on_the_other(village):
    village.a.clock.set(datetime(2026, 11, 3, 11, 0, 0))
    village.b.clock.set(datetime(2026, 11, 3, 12, 0, 0))
    new_card = cards.reissue(village.a, "JF000001", "卡丢了").new_code
    resident_changes.edit(village.b, "JF000001", phone="13700000003")
    village.sync("a", "b", "a")
    held = village.everywhere("SELECT card_code, phone FROM resident WHERE name = '王小明'")
    assert [tuple(rows[0]) for rows in held] == [(new_card, "13700000003")] * 2
    retired = village.everywhere("SELECT code FROM retired_card")
    assert [[r[0] for r in rows] for rows in retired] == [["JF000001"], ["JF000001"]]


def _newcomer(shop) -> list[Record]:
    """A household, its account, a resident and an award, as counter B would push them."""
    household, account, resident, entry = (new_id() for _ in range(4))
    at, other = "2026-11-03 10:05:00", "T-counter-b"
    bodies = [
        ("household", {"id": household, "village_id": "V-other-name", "house_no": "9组1号", "head_id": resident,
                       "active": 1, "created_at": at, "changed_at": at}),
        ("account", {"id": account, "household_id": household, "resident_id": None, "hold_reason": None,
                     "created_at": at}),
        ("resident", {"id": resident, "household_id": household, "name": "钱多多", "initials": "qdd",
                      "card_code": "JF000099", "relation": "户主", "id_last4": None, "phone": None,
                      "status": "active", "created_at": at, "updated_at": at, "retired_cards": []}),
        ("entry", {"id": entry, "account_id": account, "resident_id": resident, "kind": "award",
                   "hundredths": 800, "rule_id": None, "qty": None, "claim_id": None, "sale_id": None,
                   "refund_id": None, "reverses_id": None, "note": "", "operator_id": None,
                   "terminal_id": other, "activity_date": "2026-11-03", "at": at}),
    ]
    return [Record.make(new_id(), other, seq, kind, body) for seq, (kind, body) in enumerate(bodies, start=1)]


def test_a_record_before_what_it_needs_waits_and_applies_later(shop):
    household, account, resident, entry = _newcomer(shop)
    first = apply.apply_page(shop.db, [entry, resident], "2", NOW.isoformat())
    assert first.applied == 0 and shop.db.scalar("SELECT COUNT(*) FROM sync_remote WHERE applied = 0") == 2
    apply.apply_page(shop.db, [account], "3", NOW.isoformat())
    last = apply.apply_page(shop.db, [household], "4", NOW.isoformat())
    assert (last.applied, last.retried) == (1, 3)
    found = residents.resolve(shop, "钱多多")
    assert residents.account_id_for(shop, found) == account.body["id"]
    assert shop.db.scalar("SELECT hundredths FROM balance WHERE account_id = ?", (account.body["id"],)) == 800
    assert shop.db.scalar("SELECT COUNT(*) FROM sync_remote WHERE applied = 0") == 0
    assert run_check(shop.db).problems == []


def test_applying_the_same_page_twice_changes_nothing(village):
    added = residents.add_resident(village.a, name="赵大山", house_no="7组3号")
    awards.award(village.a, added.card_code, "hjqs", "2")
    checkout.redeem_items(village.a, added.card_code, [f"{TOOTHPASTE}x1"])
    village.sync("a", "b")
    page = [Record(r["id"], r["terminal_id"], r["seq"], r["type"], json.loads(r["body"]), r["sha256"])
            for r in village.b.db.all("SELECT * FROM sync_remote ORDER BY rowid")]
    assert {"household", "account", "resident", "entry", "sale", "stock_move"} <= {r.type for r in page}
    before = fingerprint(village.b.db)
    again = apply.apply_page(village.b.db, page, None, NOW.isoformat())
    assert (again.applied, again.already, again.retried) == (0, len(page), 0)
    assert fingerprint(village.b.db) == before


def test_a_claim_filed_at_one_counter_is_decided_at_the_other(village, volunteer):
    filed = awards.award(volunteer, "JF000001", "zyfw", "8")
    assert filed.status == "pending"
    village.sync("a", "b")
    assert [c.id for c in claims.list_claims(village.b)] == [filed.id]
    claims.approve(village.b, filed.id)
    village.sync("b", "a")
    decided = village.everywhere("SELECT status, decided_at, entry_id FROM claim WHERE id = ?", (filed.id,))
    assert tuple(decided[0][0]) == tuple(decided[1][0]) and decided[0][0]["status"] == "approved"
    assert balances(village.a) == balances(village.b) == ledger_sums(village.a)


def test_an_activity_recorded_at_one_counter_is_seen_whole_at_the_other(village):
    done = activity.record(village.a, "hjqs", [("JF000001", 1), ("JF000003", 1)], note="清扫村道")
    village.sync("a", "b")
    lines = village.everywhere("SELECT resident_id, points, entry_id FROM activity_line WHERE activity_id = ?"
                               " ORDER BY line_no", (done.id,))
    assert len(lines[0]) == 2 and [tuple(r) for r in lines[0]] == [tuple(r) for r in lines[1]]
    assert balances(village.a) == balances(village.b)
