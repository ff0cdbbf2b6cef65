"""Review means review (issue 16): with 审核通过的积分等公示期满后才入账 every award waits
for another manager and then the notice; the notice says who recorded and who approved."""

from __future__ import annotations


import pytest

from kiosk.core.points import Points
from kiosk.services.people import operators
from kiosk.services.points import awards, claims, corrections, notice, notice_credit, objections
from kiosk.services.shop import checkout
from tests.services._points_admin import books_stay_balanced, credit_after_notice
from tests.services._support import balance_of, refuse

pytestmark = pytest.mark.usefixtures(books_stay_balanced.__name__)


@pytest.fixture
def second(shop):
    operators.add_operator(shop, "王秀兰", "manager", "1379")
    return shop.as_actor(operators.login(shop.db, "王秀兰", "1379", shop.clock.now()))


def test_a_managers_award_is_not_spendable_before_approval_and_notice(shop, second, clock):
    credit_after_notice(shop, days=7)
    filed = awards.award(shop, "JF000001", "hjqs")
    assert filed.status == "pending" and balance_of(shop, "JF000001") == 0
    refuse(shop.db, "claim_own", claims.approve, shop, filed.id)
    refuse(shop.db, "insufficient_points", checkout.redeem_items, shop, "JF000001", ["牙膏"])
    claims.approve(second, filed.id)
    assert balance_of(shop, "JF000001") == 0
    [item] = notice.items(shop)
    assert item.state == "waiting" and item.who == "刘建军记，王秀兰审核"
    clock.advance(days=7, seconds=1)
    assert notice_credit.credit_due(shop) == 1
    assert balance_of(shop, "JF000001") == 500
    checkout.redeem_items(shop, "JF000001", ["牙膏"])


def test_without_review_the_notice_says_nobody_reviewed(shop, tmp_path):
    awards.award(shop, "JF000001", "hjqs")
    [item] = notice.items(shop)
    assert item.who == "刘建军记（未经审核）"
    pdf = notice.save_pdf(shop, tmp_path / "notice.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")


def test_adjustments_and_corrections_go_on_the_notice(shop):
    awards.adjust(shop, "JF000004", "+20", "工作补贴")
    posted = awards.award(shop, "JF000001", "hjqs")
    corrections.revoke(shop, posted.id, "记错了人")
    found = {i.what: i for i in notice.items(shop)}
    assert set(found) == {"管理员更正：工作补贴", "环境清扫", "撤销：环境清扫"}
    assert found["撤销：环境清扫"].points == Points.parse(-5) and found["环境清扫"].state == "revoked"
    assert found["管理员更正：工作补贴"].who == "刘建军记（未经审核）"


def test_an_upheld_objection_takes_back_spent_points_and_closes(shop, volunteer):
    posted = awards.award(shop, "JF000001", "hjqs")
    checkout.redeem_items(shop, "JF000001", ["牙膏"])          # 5 points spent at once
    objections.object_to(volunteer, posted.id, "张桂兰", "那天他不在村里")
    item = objections.decide(shop, posted.id, "uphold", "核实属实")
    assert item.state == "revoked" and balance_of(shop, "JF000001") == -500
    assert [o.status for o in notice.objections(shop, item)] == ["upheld"]


def test_the_paper_notice_says_who_recorded_and_who_approved(shop, second, volunteer, tmp_path):
    from tests.printing.helpers import pdf_text

    awards.award(shop, "JF000001", "hjqs")
    claims.approve(second, awards.award(volunteer, "JF000004", "hjqs").id)
    text = pdf_text(notice.save_pdf(shop, tmp_path / "notice.pdf").read_bytes()).replace("\n", "")
    assert "经村委会审核" not in text
    assert "刘建军记（未经审核）" in text and "张晓燕记，王秀兰审核" in text
