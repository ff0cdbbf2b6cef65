"""回避's sock puppets (DESIGN invariant 11): who may know an operator's PIN, and the second
manager refused when the people behind him and behind the actor meet (kiosk/services/behind.py)."""

from __future__ import annotations

import json
import re

import pytest

from kiosk.services.people import operators
from kiosk.services.points import awards
from tests.services._support import assert_english, refuse
from tests.services._vouched import FIRST_PIN, township_confirms, vouched_manager
from tests.services.points.test_conflicts import SECOND_PIN, own  # noqa: F401  (a fixture: 刘建军 of 3组12号, 王秀兰 vouched)

ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


def known_to(db, name: str) -> set[str]:
    ids = json.loads(db.scalar("SELECT pin_known_to FROM operator WHERE name = ?", (name,)))
    return {db.scalar("SELECT name FROM operator WHERE id = ?", (i,)) for i in ids}


def version(db, name: str) -> int:
    return db.scalar("SELECT pin_version FROM operator WHERE name = ?", (name,))


def as_(ctx, name: str, pin: str):
    return ctx.as_actor(operators.login(ctx.db, name, pin, ctx.clock.now()))


def words_of(exc) -> str:
    said = exc.message("zh")
    assert not ID.search(said), said
    assert_english(exc)
    return said


def test_the_first_manager_and_one_confirmed_by_the_township_are_known_to_nobody_else(own):
    assert known_to(own.db, "刘建军") == set() and known_to(own.db, "王秀兰") == set()


def test_whoever_makes_an_operator_and_whoever_may_know_their_pin_may_know_its_pin(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    assert known_to(own.db, "赵六") == {"刘建军"} and version(own.db, "赵六") == 1
    operators.add_operator(as_(own, "赵六", "6060"), "孙七", "manager", "7171")
    assert known_to(own.db, "孙七") == {"赵六", "刘建军"}


def test_a_reset_is_known_to_the_resetter_and_ones_own_change_keeps_who_knew(own):
    operators.reset_pin(as_(own, "王秀兰", SECOND_PIN), "刘建军", "5252")
    assert known_to(own.db, "刘建军") == {"王秀兰"} and version(own.db, "刘建军") == 2
    operators.reset_pin(as_(own, "刘建军", "5252"), "刘建军", "5353")    # nobody can tell who typed it
    assert known_to(own.db, "刘建军") == {"王秀兰"} and version(own.db, "刘建军") == 3


def test_a_second_manager_made_by_someone_the_actor_made_is_refused(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    operators.add_operator(as_(own, "赵六", "6060"), "孙七", "manager", "7171")
    exc = refuse(own.db, "conflict_second_pin_known", awards.award,
                 operators.second_manager(own, "孙七", "7171"), "JF000001", "hjqs")
    assert words_of(exc).startswith("孙七的密码是刘建军设的或重置的，刘建军可能知道它，所以孙七不能替刘建军本户的事")


def test_a_second_manager_who_reset_the_actors_pin_is_refused(own):
    operators.reset_pin(as_(own, "王秀兰", SECOND_PIN), "刘建军", "5252")
    actor = as_(own, "刘建军", "5252")
    exc = refuse(own.db, "conflict_actor_pin_known", awards.award,
                 operators.second_manager(actor, "王秀兰", SECOND_PIN), "JF000001", "hjqs")
    assert "刘建军的密码是王秀兰设的或重置的" in words_of(exc)


def test_a_second_manager_whose_pin_the_same_one_set_as_the_actors_is_refused(own):
    helper = as_(own, "王秀兰", SECOND_PIN)
    operators.reset_pin(helper, "刘建军", "5252")
    operators.add_operator(helper, "赵六", "manager", "6060")
    exc = refuse(own.db, "conflict_both_pins_known", awards.award,
                 operators.second_manager(as_(own, "刘建军", "5252"), "赵六", "6060"), "JF000001", "hjqs")
    assert "赵六和刘建军的密码都是王秀兰设的或重置的" in words_of(exc)


def test_a_second_manager_whose_pin_someone_of_the_household_set_is_refused(own):
    vouched_manager(own, "周兰", "8181", resident="李秀英")          # of 3组12号 too
    operators.add_operator(as_(own, "周兰", "8181"), "赵六", "manager", "6060")
    exc = refuse(own.db, "conflict_second_pin_known_by_household", awards.award,
                 operators.second_manager(own, "赵六", "6060"), "JF000001", "hjqs")
    assert "周兰是3组12号的人" in words_of(exc)


def test_an_operator_the_actor_made_alone_on_the_actors_household_is_refused_in_words(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    exc = refuse(own.db, "conflict_second_needed_behind", awards.award, as_(own, "赵六", "6060"),
                 "JF000001", "hjqs")
    assert words_of(exc).startswith("赵六的密码是刘建军设的或重置的，刘建军可能知道它，而这是刘建军家（3组12号）的积分")


OWN_WORDS = "请乡镇核实后确认"


def test_a_second_manager_who_changed_the_pin_himself_is_told_only_the_township_is_wanting(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    operators.reset_pin(as_(own, "赵六", "6060"), "赵六", "6161")
    exc = refuse(own.db, "conflict_second_pin_known_own", awards.award,
                 operators.second_manager(own, "赵六", "6161"), "JF000001", "hjqs")
    said = words_of(exc)
    assert said.startswith("赵六的密码是刘建军设的或重置的；后来虽然在赵六名下改过") and OWN_WORDS + "赵六" in said
    assert "先改一次" not in said


def test_an_actor_who_changed_the_pin_reset_by_the_second_himself_is_told_only_the_township_is_wanting(own):
    operators.reset_pin(as_(own, "王秀兰", SECOND_PIN), "刘建军", "5252")
    operators.reset_pin(as_(own, "刘建军", "5252"), "刘建军", "5353")
    exc = refuse(own.db, "conflict_actor_pin_known_own", awards.award,
                 operators.second_manager(as_(own, "刘建军", "5353"), "王秀兰", SECOND_PIN), "JF000001", "hjqs")
    said = words_of(exc)
    assert OWN_WORDS + "刘建军" in said and "先改一次" not in said


def test_a_second_manager_set_by_one_of_the_household_who_changed_it_himself_is_told_so(own):
    vouched_manager(own, "周兰", "8181", resident="李秀英")          # of 3组12号 too
    operators.add_operator(as_(own, "周兰", "8181"), "赵六", "manager", "6060")
    operators.reset_pin(as_(own, "赵六", "6060"), "赵六", "6161")
    exc = refuse(own.db, "conflict_second_pin_known_by_household_own", awards.award,
                 operators.second_manager(own, "赵六", "6161"), "JF000001", "hjqs")
    said = words_of(exc)
    assert "周兰是3组12号的人" in said and OWN_WORDS + "赵六" in said and "先改一次" not in said


def test_an_operator_acting_alone_who_changed_the_pin_himself_is_told_only_the_township_is_wanting(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    operators.reset_pin(as_(own, "赵六", "6060"), "赵六", "6161")
    exc = refuse(own.db, "conflict_second_needed_behind_own", awards.award, as_(own, "赵六", "6161"),
                 "JF000001", "hjqs")
    said = words_of(exc)
    assert said.startswith("赵六的密码是刘建军设的或重置的；后来虽然在赵六名下改过") and "先改一次" not in said


def test_two_managers_whose_pins_one_set_and_who_both_changed_them_are_told_only_the_township_is_wanting(own):
    helper = as_(own, "王秀兰", SECOND_PIN)
    operators.reset_pin(helper, "刘建军", "5252")
    operators.add_operator(helper, "赵六", "manager", "6060")
    operators.reset_pin(as_(own, "刘建军", "5252"), "刘建军", "5353")
    operators.reset_pin(as_(own, "赵六", "6060"), "赵六", "6161")
    exc = refuse(own.db, "conflict_both_pins_known_own", awards.award,
                 operators.second_manager(as_(own, "刘建军", "5353"), "赵六", "6161"), "JF000001", "hjqs")
    said = words_of(exc)
    assert "请乡镇核实后确认两位的管理员身份（不用再改密码）" in said and "先各自改一次" not in said


def test_a_confirmed_second_manager_still_confirms_and_others_households_need_nobody(own):
    assert awards.award(operators.second_manager(own, "王秀兰", SECOND_PIN), "JF000001", "hjqs").status == "posted"
    operators.add_operator(own, "赵六", "manager", "6060")
    assert awards.award(as_(own, "赵六", "6060"), "王晓明", "hjqs").status == "posted"


def test_relinking_oneself_with_a_puppet_as_second_is_refused(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    second = operators.second_manager(own, "赵六", "6060")
    refuse(own.db, "conflict_second_pin_known", operators.link_resident, second, "刘建军", "王晓明")


@pytest.mark.parametrize("name, pin", [("刘建军", "2580"), ("王秀兰", SECOND_PIN)])
def test_a_manager_change_goes_to_the_township_without_the_pin(own, name, pin):
    operators.reset_pin(as_(own, name, pin), name, "9393")
    kinds = own.db.all("SELECT record_type, record_id FROM journal ORDER BY seq DESC LIMIT 1")
    assert [tuple(r) for r in kinds] == [("manager", own.db.scalar("SELECT id FROM operator WHERE name = ?", (name,)))]
    from kiosk.store.bodies import plain_bodies
    body = next(iter(plain_bodies(own.db, "manager", [kinds[0][1]]).values()))
    assert "pin_hash" not in body and body["pin_version"] == version(own.db, name) and body["name"] == name
    assert body["pin_own"] == 1 and body["pin_set_id"] == stamp(own.db, name) != ""


def stamp(db, name: str) -> str:
    return db.scalar("SELECT pin_set_id FROM operator WHERE name = ?", (name,))


def pin_own(db, name: str) -> int:
    return db.scalar("SELECT pin_own FROM operator WHERE name = ?", (name,))


def test_a_confirmation_applies_only_once_the_manager_changed_the_pin_themselves(own):
    """Confirmed while 刘建军's PIN for 赵六 is still the one he gave: nothing; once 赵六 changed it: emptied."""
    operators.add_operator(own, "赵六", "manager", "6060")
    assert pin_own(own.db, "赵六") == 0
    township_confirms(own.db, "赵六")
    assert known_to(own.db, "赵六") == {"刘建军"}
    operators.reset_pin(as_(own, "赵六", "6060"), "赵六", "6161")
    assert pin_own(own.db, "赵六") == 1
    township_confirms(own.db, "赵六")
    assert known_to(own.db, "赵六") == set()
    operators.reset_pin(own, "赵六", "6262")                    # reset by another: not hers any more
    assert pin_own(own.db, "赵六") == 0 and known_to(own.db, "赵六") == {"刘建军"}


def test_a_confirmation_of_another_pin_of_the_same_version_changes_nothing(own):
    """A version number repeats after a restore from an older backup; the PIN's stamp does not."""
    operators.add_operator(own, "赵六", "manager", "6060")
    operators.reset_pin(as_(own, "赵六", "6060"), "赵六", "6161")          # v2, her own
    confirmed_pin = stamp(own.db, "赵六")
    operators.reset_pin(own, "赵六", "6262")                                 # v3, his
    operators.reset_pin(as_(own, "赵六", "6262"), "赵六", "6363")          # v4, her own again
    assert stamp(own.db, "赵六") not in ("", confirmed_pin)
    township_confirms(own.db, "赵六", pin_set_id=confirmed_pin)              # the old stamp, at v4
    assert known_to(own.db, "赵六") == {"刘建军"}


def test_a_counter_not_taking_its_townships_pages_only_signed_keeps_a_confirmation_unapplied(shop):
    """Without the township's key whoever holds the terminal's secret could make one: kept, done, nothing changed."""
    operators.add_operator(shop, "王秀兰", "manager", FIRST_PIN)
    operators.reset_pin(as_(shop, "王秀兰", FIRST_PIN), "王秀兰", SECOND_PIN)
    township_confirms(shop.db, "王秀兰", signed=False)
    assert known_to(shop.db, "王秀兰") == {"刘建军"}
    assert shop.db.scalar("SELECT applied FROM sync_remote WHERE type = 'manager_confirmed'") == 1   # done
    township_confirms(shop.db, "王秀兰")                     # once it takes them only signed
    assert known_to(shop.db, "王秀兰") == set()
