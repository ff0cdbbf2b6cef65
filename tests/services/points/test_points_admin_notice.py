"""Claims review and public notice (公示): crediting after notice, objections and decisions."""

from __future__ import annotations

import pytest

from kiosk.core.points import Points
from kiosk.services.points import awards, claims, notice, notice_credit, objections
from kiosk.services.selfservice import screen as selfservice
from kiosk.services.context import SELFSERVICE
from tests.services._points_admin import books_balance, books_stay_balanced, credit_after_notice, entries
from tests.services._support import assert_english, balance_of, refuse

pytestmark = pytest.mark.usefixtures(books_stay_balanced.__name__)


def filed(volunteer, who="JF000004", rule="hjqs", qty=1) -> str:
    return awards.award(volunteer, who, rule, qty).id


# claims ------------------------------------------------------------------------------

def test_approving_ones_own_claim_is_refused(shop, volunteer):
    from kiosk.services.people import operators

    mine = filed(volunteer)
    with shop.db.write() as conn:                  # 张晓燕 becomes a manager later on
        conn.execute("UPDATE operator SET role = 'manager' WHERE name = '张晓燕'")
    promoted = shop.as_actor(operators.login(shop.db, "张晓燕", "4826", shop.clock.now()))
    exc = refuse(shop.db, "claim_own", claims.approve, promoted, mine)
    assert "不能审核自己提交的申报" in exc.message("zh")
    assert_english(exc)
    assert claims.approve(shop, mine).status == "approved"      # another manager may


def test_rejecting_without_a_reason_is_refused(shop, volunteer):
    claim = filed(volunteer)
    exc = refuse(shop.db, "reason_required", claims.reject, shop, claim, "   ")
    assert "原因" in exc.message("zh")
    assert claims.reject(shop, claim, "那天没有签到").reason == "那天没有签到"


def test_approved_points_credit_at_once_by_default_and_go_on_notice(shop, volunteer):
    approved = claims.approve(shop, filed(volunteer))
    assert approved.entry_id and not approved.waiting_for_notice
    assert balance_of(shop, "JF000004") == 500
    [item] = notice.items(shop)
    assert (item.resident, item.what, item.points, item.state) == ("张桂兰", "环境清扫", Points(500), "on_notice")
    assert item.ends[:10] == "2026-11-10" and item.id == approved.entry_id


def test_with_credit_after_notice_points_wait_for_the_notice_to_end(shop, volunteer, clock):
    credit_after_notice(shop, days=7)
    approved = claims.approve(shop, filed(volunteer))
    assert approved.waiting_for_notice and balance_of(shop, "JF000004") == 0
    assert [i.state for i in notice.items(shop)] == ["waiting"]
    clock.advance(days=6)
    assert notice_credit.credit_due(shop) == 0 and balance_of(shop, "JF000004") == 0
    clock.advance(days=1, hours=1)
    assert [i.state for i in notice.items(shop)] == ["due"]
    assert notice_credit.credit_due(shop) == 1
    assert balance_of(shop, "JF000004") == 500
    assert claims.list_claims(shop, "approved")[0].entry_id is not None
    assert notice.items(shop) == []                     # its notice is over: not shown again
    books_balance(shop.db)


def test_credit_after_notice_run_twice_posts_once(shop, volunteer, clock):
    credit_after_notice(shop, days=3)
    for who in ("JF000001", "JF000003", "JF000004"):
        claims.approve(shop, filed(volunteer, who))
    clock.advance(days=4)
    assert notice_credit.credit_due(shop) == 3
    audit_rows = shop.db.scalar("SELECT COUNT(*) FROM audit")
    assert notice_credit.credit_due(shop) == 0
    assert notice_credit.run_at_start(shop.db, clock) == 0
    assert entries(shop.db) == 3 and shop.db.scalar("SELECT COUNT(*) FROM audit") == audit_rows
    assert shop.db.scalar("SELECT COUNT(DISTINCT claim_id) FROM entry") == 3
    books_balance(shop.db)


def test_waiting_claims_count_toward_the_cap(shop, volunteer):
    credit_after_notice(shop)
    claims.approve(shop, filed(volunteer, rule="zyfw", qty="150"))     # 37.5 waiting
    exc = refuse(shop.db, "cap_reached", awards.award, shop, "JF000004", "zyfw", "12")
    assert "最多还能记 2.5 分" in exc.message("zh")


def test_switching_credit_after_notice_off_credits_what_waits(shop, volunteer):
    credit_after_notice(shop)
    claims.approve(shop, filed(volunteer))
    from kiosk.services.setup import settings

    settings.change(shop, {"claims.credit_after_notice": "0"})
    assert notice_credit.credit_due(shop) == 1 and balance_of(shop, "JF000004") == 500


# objections --------------------------------------------------------------------------

def test_an_objection_holds_a_waiting_claim_until_a_manager_decides(shop, volunteer, clock):
    credit_after_notice(shop, days=7)
    approved = claims.approve(shop, filed(volunteer))
    held = objections.object_to(volunteer, approved.id[-6:], "王五（5组2号）", "那天她不在村里")
    assert held.state == "held"
    clock.advance(days=10)
    assert notice_credit.credit_due(shop) == 0 and balance_of(shop, "JF000004") == 0
    assert [i.state for i in notice.items(shop)] == ["held"]        # still shown: waits for a decision
    [heard] = notice.objections(shop, held)
    assert (heard.objector, heard.why, heard.recorded_by, heard.status) == (
        "王五（5组2号）", "那天她不在村里", "张晓燕", "open")
    decided = objections.decide(shop, held.id, "dismiss", "核实她参加了")
    assert decided.state == "on_notice" and balance_of(shop, "JF000004") == 500   # credited now
    books_balance(shop.db)


def test_an_upheld_objection_keeps_a_waiting_claim_from_crediting(shop, volunteer, clock):
    credit_after_notice(shop, days=7)
    approved = claims.approve(shop, filed(volunteer))
    objections.object_to(shop, approved.id, "李四", "重复申报")
    assert objections.decide(shop, approved.id, "uphold", "核实属实").state == "withheld"
    [claim] = claims.list_claims(shop, "approved")
    assert claim.withheld and not claim.waiting_for_notice
    clock.advance(days=8)
    assert notice_credit.credit_due(shop) == 0 and entries(shop.db) == 0
    assert notice.items(shop) == []


def test_an_upheld_objection_against_credited_points_posts_a_reversal(shop, volunteer):
    give = awards.award(shop, "JF000001", "hjqs")
    objections.object_to(volunteer, give.id, "王五", "他没参加")
    decided = objections.decide(shop, give.id[-6:], "uphold", "村委会核实")
    assert decided.state == "revoked" and balance_of(shop, "JF000001") == 0
    reversal = shop.db.one("SELECT * FROM entry WHERE reverses_id = ?", (give.id,))
    assert (reversal["kind"], reversal["hundredths"]) == ("deduct", -500)
    assert reversal["note"] == "公示异议成立：他没参加"
    assert shop.db.scalar("SELECT reversal_id FROM objection") == reversal["id"]
    books_balance(shop.db)


def test_an_objection_after_the_notice_ended_is_refused(shop, volunteer, clock):
    give = awards.award(shop, "JF000001", "hjqs")
    clock.advance(days=7, seconds=5)
    exc = refuse(shop.db, "objection_too_late", objections.object_to, volunteer, give.id, "王五", "不对")
    assert "公示已在 2026-11-10 09:30 结束" in exc.message("zh")
    assert_english(exc)


def test_an_objection_needs_who_and_why(shop, volunteer):
    give = awards.award(shop, "JF000001", "hjqs")
    refuse(shop.db, "objection_who_required", objections.object_to, volunteer, give.id, " ", "不对")
    refuse(shop.db, "objection_why_required", objections.object_to, volunteer, give.id, "王五", "")
    refuse(shop.db, "notice_item_unknown", objections.object_to, volunteer, "zzzzzz", "王五", "不对")


def test_deciding_needs_a_manager_and_an_open_objection(shop, volunteer):
    give = awards.award(shop, "JF000001", "hjqs")
    refuse(shop.db, "objection_none_open", objections.decide, shop, give.id, "dismiss")
    objections.object_to(volunteer, give.id, "王五", "不对")
    refuse(shop.db, "not_allowed", objections.decide, volunteer, give.id, "uphold")
    refuse(shop.db, "objection_outcome_bad", objections.decide, shop, give.id, "maybe")
    refuse(shop.db, "objection_reason_required", objections.decide, shop, give.id, "dismiss", "  ")
    objections.decide(shop, give.id, "dismiss", "核实无误")
    refuse(shop.db, "objection_none_open", objections.decide, shop, give.id, "uphold")


def test_the_self_service_board_shows_the_same_list_with_names_masked(shop, volunteer):
    awards.award(shop, "JF000001", "hjqs")          # posted before review was switched on
    credit_after_notice(shop)
    claims.approve(shop, filed(volunteer))
    board = selfservice.notices(shop.as_actor(SELFSERVICE))
    assert [(n.resident, n.status) for n in board] == [("张**", "waiting"), ("王**", "notice")]
    assert [i.id for i in notice.items(shop)] != []


def test_the_a4_notice_is_written_whole_with_the_font_embedded(shop, volunteer, tmp_path):
    from tests.printing.helpers import pdf_text

    awards.award(shop, "JF000001", "zyfw", "8")
    give = awards.award(shop, "JF000004", "hjqs")
    objections.object_to(volunteer, give.id, "王五", "不对")
    path = notice.save_pdf(shop, tmp_path / "papers" / "公示.pdf")
    data = path.read_bytes()
    text = pdf_text(data)
    for words in ("青石村美德积分公示", "王小明", "志愿服务 8 小时", "+2", "张桂兰", "有异议待处理", "盖章"):
        assert words in text.replace("\n", ""), words
    assert b"/FontFile2" in data and list(path.parent.iterdir()) == [path]
