"""回避: no operator decides alone on their own household's points (issue 16)."""

from __future__ import annotations

import json

import pytest

from kiosk.core.errors import Refused
from kiosk.services.people import households, operators, resident_changes, residents
from kiosk.services.points import activity, awards, claims, corrections, notice, objections
from tests.conftest import MANAGER_PIN
from tests.services._points_admin import books_stay_balanced
from tests.services._support import assert_english, balance_of, refuse
from tests.services._vouched import vouched_manager

pytestmark = pytest.mark.usefixtures(books_stay_balanced.__name__)
SECOND_PIN = "1379"


@pytest.fixture
def own(shop):
    """刘建军 (the manager acting) lives in 3组12号 with 王小明 and 李秀英; 王秀兰 is a second manager
    (whose PIN the township confirmed after she changed it herself)."""
    residents.add_resident(shop, name="刘建军", house_no="3组12号", relation="女婿")
    operators.link_resident(shop, "刘建军", "刘建军")
    vouched_manager(shop, "王秀兰", SECOND_PIN, resident="JF000004")
    return shop


def with_second(ctx, name="王秀兰", pin=SECOND_PIN):
    return operators.second_manager(ctx, name, pin)


def last_audit(db) -> dict:
    row = db.one("SELECT * FROM audit ORDER BY seq DESC LIMIT 1")
    return {"action": row["action"], "operator": row["operator_name"], "after": json.loads(row["after"])}


def test_an_award_to_ones_own_household_is_refused_alone(own):
    exc = refuse(own.db, "conflict_second_needed", awards.award, own, "JF000001", "hjqs")
    words = exc.message("zh")
    assert "这是您自己家的积分" in words and "3组12号" in words and "另一位管理员" in words
    assert "给自家记分" in words
    assert_english(exc)


def test_an_award_to_ones_own_household_goes_through_with_a_second_manager(own):
    done = awards.award(with_second(own), "JF000001", "hjqs")
    assert done.status == "posted" and balance_of(own, "JF000001") == 500
    row = last_audit(own.db)
    assert row["action"] == "points.award" and row["operator"] == "刘建军"
    assert row["after"]["second_manager"] == "王秀兰"


def test_other_households_need_nobody_else(own):
    assert awards.award(own, "王晓明", "hjqs").status == "posted"
    assert "second_manager" not in last_audit(own.db)["after"]


def test_an_unlinked_operator_is_not_held_back(shop):
    assert awards.award(shop, "JF000001", "hjqs").status == "posted"


def test_a_whole_activity_touching_ones_household_is_refused_alone(own):
    people = [("王晓明", 1), ("李秀英", 1)]
    refuse(own.db, "conflict_second_needed", activity.record, own, "hjqs", people)
    assert activity.record(with_second(own), "hjqs", people).status == "posted"


def test_adjusting_ones_own_household_needs_a_second_manager(own):
    exc = refuse(own.db, "conflict_second_needed", awards.adjust, own, "李秀英", "+10", "工作补贴")
    assert "调整自家的积分" in exc.message("zh")
    assert awards.adjust(with_second(own), "李秀英", "+10", "工作补贴").points.hundredths == 1000


def test_approving_or_rejecting_a_claim_of_ones_household_needs_a_second_manager(own, volunteer):
    claim = awards.award(volunteer, "JF000001", "hjqs").id
    refuse(own.db, "conflict_second_needed", claims.approve, own, claim)
    refuse(own.db, "conflict_second_needed", claims.reject, own, claim, "不像")
    assert claims.approve(with_second(own), claim).status == "approved"


def test_revoking_ones_own_households_entry_needs_a_second_manager(own):
    entry = awards.award(with_second(own), "JF000001", "hjqs").id
    refuse(own.db, "conflict_second_needed", corrections.revoke, own, entry, "记错了")
    assert corrections.revoke(with_second(own), entry, "记错了").reversal_id


def test_deciding_an_objection_to_ones_household_needs_a_second_manager(own, volunteer):
    entry = awards.award(with_second(own), "JF000001", "hjqs").id
    objections.object_to(volunteer, entry, "张桂兰", "那天没看到他扫地")
    exc = refuse(own.db, "conflict_second_needed", objections.decide, own, entry, "dismiss", "有照片")
    assert "处理对自家积分的异议" in exc.message("zh")
    assert objections.decide(with_second(own), entry, "dismiss", "有照片").state == "on_notice"


def test_household_changes_touching_ones_own_household_need_a_second_manager(own):
    refuse(own.db, "conflict_second_needed", households.split, own, "3组12号", ["李秀英"], "3组13号")
    refuse(own.db, "conflict_second_needed", households.merge, own, "5组1号", "3组12号")
    refuse(own.db, "conflict_second_needed", resident_changes.move, own, "王晓明", "3组12号")
    assert resident_changes.move(with_second(own), "王晓明", "3组12号").house_no == "3组12号"


def test_marking_a_member_of_ones_own_household_moved_or_back_needs_a_second_manager(own):
    """Leaving moves a member's points (to the head, or forfeits them): the operator's own household's."""
    refuse(own.db, "conflict_second_needed", resident_changes.leave, own, "李秀英", "moved")
    assert resident_changes.leave(with_second(own), "李秀英", "moved").status == "moved"
    refuse(own.db, "conflict_second_needed", resident_changes.rejoin, own, "李秀英")
    assert resident_changes.leave(own, "王晓明", "moved").status == "moved"      # another household


def test_the_second_must_be_another_manager_outside_the_household(own):
    with pytest.raises(Refused) as info:
        with_second(own, "张晓燕", "4826")
    assert info.value.code == "conflict_second_not_manager"
    with pytest.raises(Refused) as info:
        with_second(own, "刘建军", MANAGER_PIN)
    assert info.value.code == "conflict_second_is_self"
    with pytest.raises(Refused) as info:
        with_second(own, "王秀兰", "0000")
    assert info.value.code == "pin_wrong"


def test_a_second_manager_of_the_same_household_must_step_aside_too(shop):
    residents.add_resident(shop, name="刘建军", house_no="3组12号", relation="女婿")
    operators.link_resident(shop, "刘建军", "刘建军")
    vouched_manager(shop, "王秀兰", SECOND_PIN, resident="李秀英")
    exc = refuse(shop.db, "conflict_second_same_household", awards.award, with_second(shop),
                 "JF000001", "hjqs")
    assert "王秀兰" in exc.message("zh") and "回避" in exc.message("zh")


def test_changing_an_operators_resident_needs_a_second_manager(own):
    exc = refuse(own.db, "operator_relink_needs_second", operators.link_resident, own, "刘建军", "王晓明")
    assert "另一位管理员" in exc.message("zh")
    operators.link_resident(with_second(own), "刘建军", "王晓明")
    assert awards.award(own, "JF000001", "hjqs").status == "posted"  # no longer his household


def test_one_resident_is_one_operator(own):
    exc = refuse(own.db, "operator_resident_taken", operators.link_resident, own, "张晓燕", "刘建军")
    assert "刘建军" in exc.message("zh")


def test_the_operator_list_shows_who_is_whom(own):
    found = {r["name"]: r for r in operators.list_operators(own.db)}
    assert (found["刘建军"]["resident"], found["刘建军"]["house_no"]) == ("刘建军", "3组12号")
    assert found["张晓燕"]["resident"] is None


def test_the_notice_still_lists_confirmed_awards(own):
    awards.award(with_second(own), "JF000001", "hjqs")
    assert [i.resident for i in notice.items(own)] == ["王小明"]
