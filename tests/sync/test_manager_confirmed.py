"""回避 with a real second manager (DESIGN invariant 11): the counter sends its managers to the
township, the clerk confirms one at their own PIN (its stamp), and the confirmation comes back in a pull
page or a USB reply (kiosk/township/managers.py, kiosk/sync/apply.py manager_confirmed).
On SQLite and PostgreSQL townships (the `backend` parameter)."""

from __future__ import annotations

import json

import pytest

from kiosk.core.errors import Refused
from kiosk.services.audit.check import run_check
from kiosk.services.people import operators, residents
from kiosk.services.points import awards
from kiosk.core.ids import new_id
from kiosk.sync import apply, client, enrolment, usb
from kiosk.sync.wire import Record
from kiosk.township import managers, merge
from kiosk.township import usb as township_usb
from kiosk.township.words import TownshipRefused
from tests.services._vouched import FIRST_PIN
from tests.services.people.test_pin_known_to_upgraded import old  # noqa: F401  (a fixture: a village kept before 0035)
from tests.sync.real_township import NOW, URL, township  # noqa: F401  (township: a fixture)

OWN_PIN = "1379"


@pytest.fixture
def village(shop, township):  # noqa: F811
    """刘建军 of 3组12号 adds 王秀兰 (so he may know her first PIN); she changes it herself; enrolled."""
    residents.add_resident(shop, name="刘建军", house_no="3组12号", relation="女婿")
    operators.link_resident(shop, "刘建军", "刘建军")
    operators.add_operator(shop, "王秀兰", "manager", FIRST_PIN, resident="JF000004")
    operators.reset_pin(as_(shop, "王秀兰", FIRST_PIN), "王秀兰", OWN_PIN)
    store, http = township
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    return shop


def as_(ctx, name: str, pin: str):
    return ctx.as_actor(operators.login(ctx.db, name, pin, ctx.clock.now()))


def award_with_her(shop):
    return awards.award(operators.second_manager(shop, "王秀兰", OWN_PIN), "JF000001", "hjqs")


def sync(shop, township) -> None:  # noqa: F811
    assert client.sync_once(shop.db, township[1], NOW).ok


def seen(township, name: str = "王秀兰") -> managers.Manager:  # noqa: F811
    store, _ = township
    village_id = store.village("青石村")["id"]
    return next(m for m in managers.managers(store, village_id) if m.name == name)


def known_to(shop, name: str = "王秀兰") -> list:
    return json.loads(shop.db.scalar("SELECT pin_known_to FROM operator WHERE name = ?", (name,)))


def test_the_township_sees_the_managers_without_their_pins(village, township):  # noqa: F811
    sync(village, township)
    her = seen(township)
    assert (her.known_to, her.pin_version, her.resident, her.needs_confirming) == (["刘建军"], 2, "张桂兰", True)
    assert her.pin_own and her.may_confirm and her.pin_set_id == village.db.scalar(
        "SELECT pin_set_id FROM operator WHERE name = '王秀兰'")
    assert seen(township, "刘建军").needs_confirming is False
    bodies = township[0].all("SELECT body FROM record WHERE type = 'manager'")
    assert bodies and not any("pin_hash" in row["body"] or "scrypt" in row["body"] for row in bodies)


def test_confirmed_by_the_clerk_she_confirms_his_household_until_he_resets_her_pin(village, township):  # noqa: F811
    with pytest.raises(Refused) as refused:
        award_with_her(village)
    assert refused.value.code == "conflict_second_pin_known_own"      # her own PIN: the clerk's word is wanting
    sync(village, township)
    assert managers.confirm(township[0], "青石村", "王秀兰")["confirmed"] == 1
    sync(village, township)
    assert known_to(village) == []
    assert award_with_her(village).status == "posted"
    assert run_check(village.db).problems == []
    sync(village, township)                                   # the counter says so: nothing left to confirm
    assert seen(township).needs_confirming is False and seen(township).known_to == []
    operators.reset_pin(village, "王秀兰", "7070")           # he resets her PIN afterwards
    with pytest.raises(Refused) as again:
        awards.award(operators.second_manager(village, "王秀兰", "7070"), "JF000001", "hjqs")
    assert again.value.code == "conflict_second_pin_known"
    sync(village, township)
    assert seen(township).needs_confirming is True and seen(township).pin_version == 3
    assert not seen(township).pin_own                         # his PIN for her: wait for her own change
    with pytest.raises(TownshipRefused) as not_own:
        managers.confirm(township[0], "青石村", "王秀兰")
    assert not_own.value.code == "manager_pin_not_own"


def test_a_confirmation_of_an_older_pin_version_changes_nothing(village, township):  # noqa: F811
    sync(village, township)
    managers.confirm(township[0], "青石村", "王秀兰")          # for version 2
    operators.reset_pin(village, "王秀兰", "7070")           # version 3, before the confirmation arrives
    sync(village, township)
    assert known_to(village) == [village.actor.operator_id]
    assert village.db.scalar("SELECT COUNT(*) FROM sync_remote WHERE type = 'manager_confirmed'") == 1
    with pytest.raises(Refused):
        awards.award(operators.second_manager(village, "王秀兰", "7070"), "JF000001", "hjqs")
    assert run_check(village.db).problems == []


def test_the_confirmation_travels_in_a_usb_reply_too(village, township, tmp_path):  # noqa: F811
    store, _ = township
    out = usb.export_bundle(village.db, tmp_path / "out.zip", NOW)
    township_usb.import_bundle(store, out.path, tmp_path / "reply-1.zip")
    managers.confirm(store, "青石村", "王秀兰")
    out = usb.export_bundle(village.db, tmp_path / "out2.zip", NOW)
    township_usb.import_bundle(store, out.path, tmp_path / "reply-2.zip")
    usb.import_reply(village.db, tmp_path / "reply-2.zip", NOW)
    assert known_to(village) == []
    assert award_with_her(village).status == "posted"


def test_a_counter_may_not_author_a_confirmation(village, township):  # noqa: F811
    """Pushed by a counter, the township rejects it; pulled from anyone but the township, a counter
    keeps it and never applies it."""
    store, _ = township
    sync(village, township)
    her = seen(township)
    terminal = store.one("SELECT * FROM terminal")
    seq = store.one("SELECT MAX(seq) FROM record WHERE terminal_id = ?", (terminal["id"],))[0] + 1
    body = {"operator_id": her.id, "pin_version": her.pin_version, "name": "王秀兰"}
    pushed = merge.push(store, terminal, [Record.make(new_id(), terminal["id"], seq, "manager_confirmed", body)])
    assert [r["status"] for r in pushed.results] == ["rejected"]
    assert not seen(township).confirmed
    from_a_counter = Record.make(new_id(), terminal["id"], seq, "manager_confirmed", body)
    assert apply.apply_page(village.db, [from_a_counter], None, "2026-11-03 10:30:00").applied == 0
    assert known_to(village) == [village.actor.operator_id]


def test_the_clerk_cannot_confirm_a_manager_the_township_never_heard_of(village, township):  # noqa: F811
    with pytest.raises(TownshipRefused) as refused:
        managers.confirm(township[0], "青石村", "王秀兰")
    assert refused.value.code == "manager_unknown"
    assert "王秀兰" in refused.value.words("zh") and "同步" in refused.value.words("zh")


def test_a_manager_made_before_who_may_know_a_pin_was_kept_is_confirmed_by_the_clerk(old, township):  # noqa: F811
    """Migration 0036: 刘建军 made 赵六 with the program from before, and she changed her PIN herself.
    Upgraded, the counter sends her and 刘建军 to the township: the clerk sees who may know her PIN,
    by name, and that it is her own; confirmed, she is a second manager for 刘建军's household."""
    operators.add_operator(old.ctx, "赵六", "manager", FIRST_PIN)
    operators.reset_pin(old.as_("赵六", FIRST_PIN), "赵六", OWN_PIN)
    shop = old.upgrade()
    store, http = township
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    with pytest.raises(Refused) as refused:
        awards.award(operators.second_manager(shop, "赵六", OWN_PIN), "JF000001", "hjqs")
    assert refused.value.code == "conflict_second_pin_known_own"
    sync(shop, township)
    her = seen(township, "赵六")
    assert (her.known_to, her.pin_own, her.may_confirm) == (["刘建军"], True, True)
    assert managers.confirm(store, "青石村", "赵六")["confirmed"] == 1
    sync(shop, township)
    assert known_to(shop, "赵六") == []
    assert awards.award(operators.second_manager(shop, "赵六", OWN_PIN), "JF000001", "hjqs").status == "posted"
    assert run_check(shop.db).problems == []
