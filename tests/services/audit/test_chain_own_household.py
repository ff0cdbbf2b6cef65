"""回避 replayed from the books' chain by `kiosk check` (kiosk/services/audit/own_household_check.py): a
decision on the acting operator's own household, as the chain linked them when it was made, must
name a second manager, however the link (or the household) looked before and after."""

from __future__ import annotations

import pytest

from kiosk.services.audit.check import run_check
from kiosk.services.people import operators, resident_changes
from kiosk.services.points import awards, claims, corrections, objections
from tests.services.audit.test_chain_insider import LINK_TRIGGER, SECOND_PIN, tamper, trigger_sql
from tests.services.points.test_conflicts import own  # noqa: F401  (a fixture: 刘建军 of 3组12号 and a second manager)


def second(own):
    return operators.second_manager(own, "王秀兰", SECOND_PIN)


def on_notice_with_an_objection(own, volunteer) -> str:
    entry = awards.award(second(own), "JF000001", "hjqs").id
    objections.object_to(volunteer, entry, "张桂兰", "那天没看到他扫地")
    return entry


# Each act: what is set up first (by the book), then the decision made, and its words in `kiosk check`.
OWN_ACTS = {
    "award": (lambda own, volunteer: None, lambda ctx, made: awards.award(ctx, "JF000001", "hjqs"),
              "给本户（3组12号）记分"),
    "adjust": (lambda own, volunteer: None, lambda ctx, made: awards.adjust(ctx, "李秀英", "+10", "工作补贴"),
               "调整本户（3组12号）的积分"),
    "revoke": (lambda own, volunteer: awards.award(second(own), "JF000001", "hjqs").id,
               lambda ctx, made: corrections.revoke(ctx, made, "记错了"), "撤销本户（3组12号）的积分"),
    "approve": (lambda own, volunteer: awards.award(volunteer, "JF000001", "hjqs").id,
                lambda ctx, made: claims.approve(ctx, made), "审核本户（3组12号）的申报"),
    "objection": (on_notice_with_an_objection, lambda ctx, made: objections.decide(ctx, made, "uphold", "没有照片"),
                  "处理对本户（3组12号）积分的异议"),
}


def unlinked_around(db_path, name: str, resident_id: str, decide) -> None:
    """`name`'s link taken off with the link trigger dropped, `decide()` run, link and trigger put back."""
    trigger = trigger_sql(db_path, LINK_TRIGGER)
    tamper(db_path, f"DROP TRIGGER {LINK_TRIGGER}", f"UPDATE operator SET resident_id = NULL WHERE name = '{name}'")
    decide()
    tamper(db_path, f"UPDATE operator SET resident_id = '{resident_id}' WHERE name = '{name}'", trigger)


@pytest.mark.parametrize("act", OWN_ACTS)
def test_a_decision_on_ones_own_household_made_alone_while_unlinked_by_hand_is_named(own, db_path, volunteer, act):
    prepare, decide, words = OWN_ACTS[act]
    made = prepare(own, volunteer)
    resident_id = own.db.scalar("SELECT id FROM resident WHERE name = '刘建军'")
    unlinked_around(db_path, "刘建军", resident_id, lambda: decide(own, made))
    found = [problem for problem in run_check(own.db).problems if "3组12号" in problem]
    assert len(found) == 1, found     # an upheld objection and its reversal are one decision
    assert "刘建军" in found[0] and words in found[0] and "第二位管理员" in found[0], found
    operator_id = own.db.scalar("SELECT id FROM operator WHERE name = '刘建军'")
    assert "共" not in found[0] and operator_id not in found[0], found


@pytest.mark.parametrize("act", OWN_ACTS)
def test_a_decision_on_ones_own_household_with_a_second_manager_passes(own, volunteer, act):
    prepare, decide, _ = OWN_ACTS[act]
    decide(second(own), prepare(own, volunteer))
    assert run_check(own.db).problems == []


def test_decisions_made_alone_are_counted_under_the_first(own, db_path):
    resident_id = own.db.scalar("SELECT id FROM resident WHERE name = '刘建军'")
    unlinked_around(db_path, "刘建军", resident_id, lambda: [awards.award(own, "李秀英", "hjqs") for _ in range(3)])
    found = [problem for problem in run_check(own.db).problems if "3组12号" in problem]
    assert len(found) == 1 and "共 3 处" in found[0], found


def test_an_operator_linked_to_another_household_decides_alone(own):
    wang = own.as_actor(operators.login(own.db, "王秀兰", SECOND_PIN, own.clock.now()))    # of 1组8号
    assert awards.award(wang, "JF000001", "hjqs").status == "posted"
    assert run_check(own.db).problems == []


def test_an_award_alone_after_the_programs_own_relink_passes(own):
    operators.link_resident(second(own), "刘建军", "王晓明")      # now of 5组1号, with a second manager
    assert awards.award(own, "JF000001", "hjqs").status == "posted"
    assert run_check(own.db).problems == []


def test_an_award_alone_after_moving_through_the_program_passes(own):
    resident_changes.move(second(own), "刘建军", "5组1号")
    assert awards.award(own, "JF000001", "hjqs").status == "posted"
    assert run_check(own.db).problems == []


def test_an_operator_moved_out_of_his_household_by_hand_to_award_it_alone_is_named(own, db_path):
    """The chain's membership then, not today's: his resident moved out with sqlite3 and back."""
    home, elsewhere = (own.db.scalar("SELECT id FROM household WHERE house_no = ?", (house,)) for house in ("3组12号", "5组1号"))
    trigger = trigger_sql(db_path, "chain_resident_update")
    tamper(db_path, "DROP TRIGGER chain_resident_update",
           f"UPDATE resident SET household_id = '{elsewhere}' WHERE name = '刘建军'")
    assert awards.award(own, "JF000001", "hjqs").status == "posted"
    tamper(db_path, f"UPDATE resident SET household_id = '{home}' WHERE name = '刘建军'", trigger)
    found = run_check(own.db).problems
    assert any("刘建军" in problem and "给本户（3组12号）记分" in problem for problem in found), found
