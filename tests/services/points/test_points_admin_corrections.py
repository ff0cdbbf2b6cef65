"""Corrections: an entry revoked by its reversal (never twice), adjustments with a reason."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.core.points import Points
from kiosk.services.points import awards, corrections
from kiosk.services.shop import checkout
from kiosk.services.audit.check import run_check
from tests.conftest import give
from tests.services._points_admin import books_balance, books_stay_balanced
from tests.services._support import assert_english, balance_of, refuse

pytestmark = pytest.mark.usefixtures(books_stay_balanced.__name__)


def test_revoking_an_award_posts_its_opposite_naming_it(shop):
    wrong = awards.award(shop, "JF000001", "zyfw", "8")
    done = corrections.revoke(shop, wrong.id[-6:], "记错了人，应是王晓明")
    assert done.points == Points.parse(-2) and done.balance_after == Points(0)
    row = shop.db.one("SELECT * FROM entry WHERE id = ?", (done.reversal_id,))
    assert (row["kind"], row["hundredths"], row["reverses_id"]) == ("deduct", -200, wrong.id)
    assert row["note"] == "记错了人，应是王晓明" and row["activity_date"] == "2026-11-03"
    assert row["qty"] == 800 and row["version_name"] == "志愿服务"   # what it takes back, as awarded
    assert shop.db.scalar("SELECT COUNT(*) FROM entry WHERE id = ?", (wrong.id,)) == 1   # untouched
    assert shop.db.one("SELECT * FROM audit WHERE action = 'entry.revoke'")["target_id"] == wrong.id
    books_balance(shop.db)


def test_a_revoked_award_frees_its_cap(shop):
    first = awards.award(shop, "JF000004", "zyfw", "160")          # the month's 40
    corrections.revoke(shop, first.id, "活动取消")
    assert awards.award(shop, "JF000004", "zyfw", "160").points == Points.parse(40)


def test_revoking_a_deduction_gives_the_points_back(shop):
    give(shop, "JF000004", 6)
    fined = awards.award(shop, "JF000004", "kf_dubo")
    done = corrections.revoke(shop, fined.id, "认错了人")
    assert done.points == Points.parse(20) and balance_of(shop, "JF000004") == 3000
    kind = shop.db.scalar("SELECT kind FROM entry WHERE id = ?", (done.reversal_id,))
    assert kind == "award"


def test_a_revoked_deduction_does_not_make_the_next_one_double(shop, clock):
    give(shop, "JF000004", 20)
    fined = awards.award(shop, "JF000004", "kf_dubo")
    corrections.revoke(shop, fined.id, "认错了人")
    clock.set(datetime(2027, 3, 1, 10, 0))
    assert awards.award(shop, "JF000004", "kf_dubo").points == Points.parse(-20)


def test_an_adjustment_is_revoked_by_an_opposite_adjustment(shop):
    added = awards.adjust(shop, "JF000001", "+5", "补记上月漏记")
    done = corrections.revoke(shop, added.id, "上月其实记过")
    kind = shop.db.scalar("SELECT kind FROM entry WHERE id = ?", (done.reversal_id,))
    assert kind == "adjust" and balance_of(shop, "JF000001") == 0


def test_revoking_an_entry_twice_is_refused(shop):
    wrong = awards.award(shop, "JF000001", "hjqs")
    corrections.revoke(shop, wrong.id, "重复记分")
    exc = refuse(shop.db, "revoke_twice", corrections.revoke, shop, wrong.id, "再撤一次")
    assert "已经在 2026-11-03 09:30 撤销过了" in exc.message("zh") and "重复记分" in exc.message("zh")
    assert_english(exc)


def test_a_reversal_itself_cannot_be_revoked(shop):
    wrong = awards.award(shop, "JF000001", "hjqs")
    done = corrections.revoke(shop, wrong.id, "重复记分")
    refuse(shop.db, "revoke_a_reversal", corrections.revoke, shop, done.reversal_id, "撤销撤销")


def test_an_exchange_is_refunded_not_revoked(shop):
    give(shop, "JF000001", 4)
    sale = checkout.redeem_items(shop, "JF000001", ["香皂x2"])
    redeem = shop.db.scalar("SELECT id FROM entry WHERE sale_id = ?", (sale.id,))
    exc = refuse(shop.db, "revoke_not_points", corrections.revoke, shop, redeem, "不要了")
    assert "退货" in exc.message("zh")


def test_points_already_spent_cannot_be_taken_back_by_revoking(shop):
    wrong = awards.award(shop, "JF000001", "hjqs")
    checkout.redeem_items(shop, "JF000001", ["6920000000012"])      # 牙膏 5: spent
    exc = refuse(shop.db, "revoke_overdraw", corrections.revoke, shop, wrong.id, "记错了")
    assert "只剩 0 分" in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize(("ref", "reason", "code"), [
    ("", "记错了", "entry_not_found"), ("ffffff", "记错了", "entry_not_found"),
    (None, "  ", "revoke_reason_required")])
def test_bad_revocations(shop, ref, reason, code):
    wrong = awards.award(shop, "JF000001", "hjqs")
    refuse(shop.db, code, corrections.revoke, shop, wrong.id if ref is None else ref, reason)


def test_a_volunteer_may_not_revoke(shop, volunteer):
    wrong = awards.award(shop, "JF000001", "hjqs")
    refuse(shop.db, "not_allowed", corrections.revoke, volunteer, wrong.id, "记错了")


def test_the_recent_list_marks_revoked_entries(shop):
    wrong = awards.award(shop, "JF000001", "hjqs")
    awards.award(shop, "JF000004", "zyfw", "4")
    corrections.revoke(shop, wrong.id, "重复")
    found = {e.id: e for e in corrections.recent_entries(shop)}
    assert found[wrong.id].revoked and not found[wrong.id].is_reversal
    assert sum(e.is_reversal for e in found.values()) == 1
    assert run_check(shop.db).ok
    books_balance(shop.db)
