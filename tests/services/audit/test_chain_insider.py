"""An insider red team: a manager with the database file, sqlite3 and the program, who wants
points for his own household. Each attack is performed, then `kiosk check` (run_check) must
find it. Attacks already covered elsewhere (records, audit rows, PINs, received records,
anchors: test_chain_tamper.py, test_chain_outside_writes.py, tests/sync/test_chain_*.py) are
not repeated here."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Refused
from kiosk.services.audit.check import run_check
from kiosk.services.context import Context
from kiosk.services.people import operators
from kiosk.services.points import awards, grades_admin
from kiosk.services.setup import create as setup, settings
from kiosk.services.shop import catalogue, checkout
from kiosk.sync import apply, client, outbox, usb
from kiosk.sync.wire import Record
from kiosk.township.tables import terminals
from kiosk.sync import state as sync_state
from tests.sync import remote
from tests.sync.real_township import NOW, enrol_with_awards, forged_reply, township  # noqa: F401  (township: a fixture)
from tests.conftest import give
from tests.services._support import balance_of
from tests.services.points.test_conflicts import own  # noqa: F401  (a fixture: 刘建军 of 3组12号 and a second manager)

SECOND_PIN = "1379"
LINK_TRIGGER = "chain_operator_changed"


def tamper(path, *statements: str) -> None:
    """Raw SQL on the file beside the running program, as `sqlite3` would."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def trigger_sql(path, name: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)).fetchone()[0]
    finally:
        conn.close()


def unlink_and_award_own(own, db_path, *before: str) -> None:
    """The link to 3组12号 taken off with sqlite3: the program then lets 刘建军 award it alone."""
    with pytest.raises(Refused):
        awards.award(own, "JF000001", "hjqs")
    tamper(db_path, *before, "UPDATE operator SET resident_id = NULL WHERE name = '刘建军'")
    assert awards.award(own, "JF000001", "hjqs").status == "posted"
    assert balance_of(own, "JF000001") == 500


def test_the_programs_own_links_pass(own):
    operators.link_resident(operators.second_manager(own, "王秀兰", SECOND_PIN), "张晓燕", "王晓明")
    assert run_check(own.db).problems == []


def test_an_operator_unlinked_by_hand_to_award_his_own_household_and_linked_back_is_found(own, db_path):
    unlink_and_award_own(own, db_path)
    resident_id = own.db.scalar("SELECT id FROM resident WHERE name = '刘建军'")
    tamper(db_path, f"UPDATE operator SET resident_id = '{resident_id}' WHERE name = '刘建军'")
    found = run_check(own.db).problems
    assert any("不是本程序写入的" in problem and "操作员" in problem for problem in found), found


def test_an_operator_unlinked_by_hand_with_the_trigger_dropped_is_found(own, db_path):
    unlink_and_award_own(own, db_path, f"DROP TRIGGER {LINK_TRIGGER}")
    found = run_check(own.db).problems
    assert any("操作员" in problem and "被改动过" in problem for problem in found), found


def test_an_operator_unlinked_and_linked_back_with_the_trigger_dropped_and_restored_is_found(own, db_path):
    trigger = trigger_sql(db_path, LINK_TRIGGER)
    resident_id = own.db.scalar("SELECT id FROM resident WHERE name = '刘建军'")
    unlink_and_award_own(own, db_path, f"DROP TRIGGER {LINK_TRIGGER}")
    tamper(db_path, f"UPDATE operator SET resident_id = '{resident_id}' WHERE name = '刘建军'", trigger)
    assert run_check(own.db).problems != []


# --- settings: not chained, but every change through the program writes a chained audit row ----

def test_settings_changed_through_the_program_pass(own):
    settings.change(own, {"claims.credit_after_notice": True, "village.claim_review": False,
                          "points.adjust_month_most": 50, "notice.days": 10})
    settings.change(own, {"claims.credit_after_notice": False})
    grades_admin.set_grades(own, [("AAA", "50", "优先推荐"), ("B", "0", "")])
    assert run_check(own.db).problems == []


def test_a_village_created_without_review_passes(db_path, clock):
    ctx = setup.init_village(setup.create_database(db_path), village="青石村", manager="刘建军", pin="2580",
                             claim_review=False, account_mode="resident", clock=clock)
    assert run_check(ctx.db).problems == []


@pytest.mark.parametrize("statement", [
    "UPDATE village SET claim_review = 0",
    "INSERT INTO setting (key, value) VALUES ('points.adjust_month_most', '100000')",
    "INSERT INTO setting (key, value) VALUES ('expiry.policy', 'none')"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    """UPDATE village SET grade_scale = '[["AAA", "5"], ["C", "0"]]'""",
    "UPDATE village SET account_mode = 'resident'",
], ids=["claims-unreviewed", "adjust-bound-raised", "expiry-off", "grades-lowered", "accounts-per-resident"])
def test_a_setting_deciding_points_set_with_sqlite3_is_found(own, db_path, statement):
    settings.change(own, {"expiry.policy": "months", "expiry.months": 24})
    tamper(db_path, statement)
    found = run_check(own.db).problems
    assert any("设置" in problem and "绕过程序" in problem for problem in found), found


def test_a_setting_changed_through_the_program_then_set_back_with_sqlite3_is_found(own, db_path):
    settings.change(own, {"claims.credit_after_notice": True})
    tamper(db_path, "UPDATE setting SET value = '0' WHERE key = 'claims.credit_after_notice'")
    assert awards.award(own, "王晓明", "hjqs").status == "posted"   # credited at once, not after notice
    found = run_check(own.db).problems
    assert any("审核通过的积分等公示期满后才入账" in problem for problem in found), found


@pytest.mark.parametrize("key, raised", [("township.award_most", "100000"), ("township.rule_most", "1000")])
def test_a_townships_limit_raised_with_sqlite3_is_found(own, db_path, key, raised):
    tamper(db_path, f"INSERT INTO setting (key, value) VALUES ('{key}', '{raised}')")
    found = run_check(own.db).problems
    assert any("乡镇规定" in problem and "绕过程序" in problem and raised in problem for problem in found), found


def test_a_townships_limit_stored_at_its_default_passes(own, db_path):
    tamper(db_path, "INSERT INTO setting (key, value) VALUES ('township.award_most', '300')")
    assert run_check(own.db).problems == []


# --- holds: the township's alone (invariant 12); the account row is chained on every change ----

@pytest.mark.parametrize("card, held, drop", [
    ("JF000001", None, ""), ("JF000001", None, "chain_account_update"),
    ("JF000004", "两台终端合并后透支，待乡镇核查", "chain_account_update"),
], ids=["own-released-by-hand", "own-released-trigger-dropped", "innocent-frozen-trigger-dropped"])
def test_a_hold_set_or_released_with_sqlite3_is_found(own, db_path, card, held, drop):
    apply.apply_page(own.db, [remote.hold(own.db, reason="乡镇核查中")], "1", "2026-11-03 10:00:00")
    account_id, _ = remote.account_of(own.db, card)
    held_sql = "NULL" if held is None else f"'{held}'"
    tamper(db_path, *([f"DROP TRIGGER {drop}"] if drop else []),
           f"UPDATE account SET hold_reason = {held_sql} WHERE id = '{account_id}'")
    found = run_check(own.db).problems
    assert any("绕过程序" in problem or "被改动过" in problem for problem in found), found


# --- 回避 through the program: a manager with a second operator he made or whose PIN he set ----

def sock_puppet(own, name: str = "赵六", pin: str = "6060"):
    operators.add_operator(own, name, "manager", pin)
    return operators.login(own.db, name, pin, own.clock.now())


def test_a_manager_cannot_confirm_his_own_award_with_a_manager_he_just_added(own):
    puppet = sock_puppet(own)
    with pytest.raises(Refused):
        awards.award(own.with_second(puppet), "JF000001", "hjqs")


def test_a_manager_cannot_confirm_his_own_award_with_a_pin_he_just_reset(own):
    operators.reset_pin(own, "王秀兰", "7070")
    with pytest.raises(Refused):
        awards.award(operators.second_manager(own, "王秀兰", "7070"), "JF000001", "hjqs")


def test_a_manager_cannot_award_his_own_household_alone_through_an_unlinked_operator_he_added(own):
    puppet = sock_puppet(own)
    with pytest.raises(Refused):
        awards.award(own.as_actor(puppet), "JF000001", "hjqs")


@pytest.mark.parametrize("drop", ["", LINK_TRIGGER], ids=["trigger-kept", "trigger-dropped"])
def test_a_puppets_pin_made_known_to_nobody_with_sqlite3_is_found(own, db_path, drop):
    """He empties who may know his puppet's PIN by hand: the program is fooled, the check is not."""
    puppet = sock_puppet(own)
    tamper(db_path, *([f"DROP TRIGGER {drop}"] if drop else []),
           "UPDATE operator SET pin_known_to = '[]' WHERE name = '赵六'")
    assert awards.award(own.with_second(puppet), "JF000001", "hjqs").status == "posted"
    found = run_check(own.db).problems
    assert any("绕过程序" in problem or "被改动过" in problem for problem in found), found


@pytest.mark.parametrize("drop", ["", LINK_TRIGGER], ids=["trigger-kept", "trigger-dropped"])
def test_a_pin_version_set_by_hand_to_take_an_old_confirmation_is_found(own, db_path, drop):
    """A confirmation is for one PIN version: moving the version back with sqlite3 is found."""
    operators.reset_pin(own, "王秀兰", "7070")
    tamper(db_path, *([f"DROP TRIGGER {drop}"] if drop else []),
           "UPDATE operator SET pin_version = pin_version - 1 WHERE name = '王秀兰'")
    found = run_check(own.db).problems
    assert any("绕过程序" in problem or "被改动过" in problem for problem in found), found


# --- the township's word: a reply bundle is signed with this counter's own secret, kept in the file ----

@pytest.fixture
def enrolled(shop, township):
    enrol_with_awards(shop, township)
    return shop


def test_a_reply_bundle_forged_with_the_secret_in_the_file_is_refused(enrolled, township, tmp_path):
    """The terminal's secret is in the file; the township's private key is not: a reply written with
    the secret alone (an award 'from another counter', or a hold released) is not the township's word."""
    before, kept = balance_of(enrolled, "JF000001"), enrolled.db.scalar("SELECT COUNT(*) FROM sync_remote")
    forged_reply(enrolled, township, tmp_path)
    with pytest.raises(Refused) as refused:
        usb.import_reply(enrolled.db, tmp_path / "forged.zip", NOW)
    assert refused.value.code == "sync_bundle_not_township"
    assert balance_of(enrolled, "JF000001") == before
    assert enrolled.db.scalar("SELECT COUNT(*) FROM sync_remote") == kept
    usb.import_reply(enrolled.db, tmp_path / "reply.zip", NOW)       # the township's own reply still goes in
    assert run_check(enrolled.db).problems == []


def test_a_reply_with_the_townships_signature_moved_to_another_bundle_is_refused(enrolled, township, tmp_path):
    forged_reply(enrolled, township, tmp_path, keep_signature=True)
    with pytest.raises(Refused) as refused:
        usb.import_reply(enrolled.db, tmp_path / "forged.zip", NOW)
    assert refused.value.code == "sync_bundle_not_township"


# --- a year's grades, stored as they stood when it ended: chained since migration 0032 ----

@pytest.fixture
def graded(own, db_path):
    """2026's grades stored on the first run of 2027."""
    give(own, "JF000003", 2)
    give(own, "JF000004", 1)
    new_year = Context(own.db, own.actor, FixedClock(datetime(2027, 1, 2, 9, 0)))
    assert grades_admin.store_year_end(new_year) > 0
    return own


def test_stored_year_grades_pass(graded):
    assert run_check(graded.db).problems == []


@pytest.mark.parametrize("statements", [
    ("DROP TRIGGER year_grade_no_update", "UPDATE year_grade SET grade = 'AAA', score = 99900"),
    ("DROP TRIGGER year_grade_no_delete", "DELETE FROM year_grade WHERE score = (SELECT MIN(score) FROM year_grade)"),
], ids=["raised", "deleted"])
def test_a_stored_year_grade_rewritten_with_sqlite3_is_found(graded, db_path, statements):
    tamper(db_path, *statements)
    found = run_check(graded.db).problems
    assert any("年度信用等次" in problem for problem in found), found


@pytest.mark.parametrize("drop", ["", "chain_year_grade"], ids=["triggers-in-place", "chain-trigger-dropped"])
def test_a_years_grades_stored_by_hand_before_the_program_does_are_found(own, db_path, drop):
    household_id = own.db.scalar("SELECT household_id FROM resident WHERE card_code = 'JF000001'")
    tamper(db_path, *([f"DROP TRIGGER {drop}"] if drop else []),
           "INSERT INTO year_grade (household_id, year, score, grade, perks, stored_at)"
           f" VALUES ('{household_id}', 2026, 99900, 'AAA', '优先贷款', '2027-01-01 00:00:00')")
    found = run_check(own.db).problems
    assert any("年度信用等次" in problem or "不是本程序写入的" in problem for problem in found), found


# --- a row that changes over time, changed and put back around a use, its chain trigger dropped ----

def test_rice_made_cheap_for_one_sale_and_put_back_with_the_trigger_dropped_is_found(own, db_path, volunteer):
    trigger = trigger_sql(db_path, "chain_product_update")
    price = own.db.scalar("SELECT price FROM product WHERE name = '大米 5kg'")
    tamper(db_path, "DROP TRIGGER chain_product_update", "UPDATE product SET price = 1 WHERE name = '大米 5kg'")
    give(own, "王晓明")
    sale = checkout.redeem_items(volunteer, "王晓明", ["6901234567892"])
    tamper(db_path, f"UPDATE product SET price = {price} WHERE name = '大米 5kg'", trigger)
    found = run_check(own.db).problems
    assert any(sale.receipt in problem and "大米 5kg" in problem and "0.01" in problem for problem in found), found


def test_prices_changed_through_the_program_between_sales_pass(own, volunteer):
    give(own, "王晓明", 20)
    first = checkout.redeem_items(volunteer, "王晓明", ["6901234567892"])
    rice = catalogue.detail(own, "6901234567892")
    catalogue.edit(own, rice.product.id, catalogue.with_changes(rice, price="40"))
    second = checkout.redeem_items(volunteer, "王晓明", ["6901234567892"])
    assert (str(first.total), str(second.total)) == ("50", "40")     # two prices, each the chain's then
    assert run_check(own.db).problems == []


def test_an_award_frozen_bigger_than_the_books_hold_is_sent_as_the_books_say_and_named(enrolled, township, db_path):
    """Before: the frozen body was sent as it was, 1000 points at the township where the books held 5."""
    store, http = township
    give(enrolled, "王晓明")
    row = enrolled.db.one("SELECT terminal_id, seq, record_id FROM journal WHERE record_type = 'entry'"
                          " ORDER BY seq DESC LIMIT 1")
    body = json.loads(json.dumps(outbox.bodies(enrolled.db, "entry", [row["record_id"]])[row["record_id"]]))
    forged = Record.make(row["record_id"], row["terminal_id"], row["seq"], "entry", body | {"hundredths": 100000})
    tamper(db_path, "INSERT INTO sync_outbox (terminal_id, seq, id, type, body, sha256) VALUES"
                    f" ('{row['terminal_id']}', {row['seq']}, '{forged.id}', 'entry',"
                    f" '{forged.wire_body().decode('utf-8')}', '{forged.sha256}')")
    assert client.sync_once(enrolled.db, http, NOW).ok
    village_id = sync_state.load(enrolled.db).village_id
    account_id, _ = remote.account_of(enrolled.db, "JF000003")
    held = {row[0]: row[1] for row in terminals.balances(store, village_id)}
    assert held[account_id] == 500 and balance_of(enrolled, "JF000003") == 500
    found = run_check(enrolled.db).problems
    assert any("等着发给乡镇的" in problem and "记的积分流水（" in problem and "绕过程序" in problem for problem in found), found


def test_frozen_bodies_the_program_wrote_are_sent_unchanged(enrolled, township):
    store, http = township
    give(enrolled, "王晓明")
    outbox.for_township(enrolled.db, sync_state.load(enrolled.db))   # frozen, as by a push cut off
    assert client.sync_once(enrolled.db, http, NOW).ok
    assert run_check(enrolled.db).problems == []
    assert enrolled.db.scalar("SELECT COUNT(*) FROM audit WHERE action = 'sync_outbox_written_outside'") == 0


def test_a_redeem_frozen_smaller_than_the_books_hold_is_sent_as_the_books_say_and_named(enrolled, township, db_path):
    store, http = township
    give(enrolled, "JF000004", 10)
    assert client.sync_once(enrolled.db, http, NOW).ok
    before = balance_of(enrolled, "JF000004")
    checkout.redeem_items(enrolled, "JF000004", ["6901234567892"])   # rice, 50 points
    row = enrolled.db.one("SELECT terminal_id, seq, record_id FROM journal WHERE record_type = 'sale'")
    body = json.loads(json.dumps(outbox.bodies(enrolled.db, "sale", [row["record_id"]])[row["record_id"]]))
    body["total"], body["entry"]["hundredths"] = 1, -1
    forged = Record.make(row["record_id"], row["terminal_id"], row["seq"], "sale", body)
    tamper(db_path, "INSERT INTO sync_outbox (terminal_id, seq, id, type, body, sha256) VALUES"
                    f" ('{row['terminal_id']}', {row['seq']}, '{forged.id}', 'sale',"
                    f" '{forged.wire_body().decode('utf-8')}', '{forged.sha256}')")
    assert client.sync_once(enrolled.db, http, NOW).ok
    account_id, _ = remote.account_of(enrolled.db, "JF000004")
    held = {r[0]: r[1] for r in terminals.balances(store, sync_state.load(enrolled.db).village_id)}
    assert held[account_id] == balance_of(enrolled, "JF000004") == before - 5000   # not before - 0.01
    found = run_check(enrolled.db).problems
    assert any("等着发给乡镇的" in problem and "记的兑换单（" in problem for problem in found), found
