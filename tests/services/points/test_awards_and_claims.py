"""Awards by rule: caps, doubling deductions, inactive residents, claims and their review."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.core.points import Points
from kiosk.services.points import awards, claims, rules
from kiosk.services.audit.check import run_check
from tests.conftest import give
from tests.services._support import assert_english, balance_of, refuse


def test_per_hour_rule_is_proportional(shop):
    assert awards.award(shop, "JF000004", "zyfw", "4").points == Points(100)
    assert awards.award(shop, "JF000004", "zyfw", "1").points == Points(25)
    assert awards.award(shop, "JF000004", "志愿服务", "2.5").points == Points(63)  # 0.625 → 0.63
    assert balance_of(shop, "JF000004") == 188


def test_exactly_the_cap_in_one_award_is_allowed(shop):
    posted = awards.award(shop, "JF000004", "zyfw", "160")   # 160 h / 4 = 40 = the cap
    assert posted.points == Points.parse(40)
    exc = refuse(shop.db, "cap_reached", awards.award, shop, "JF000004", "zyfw", "1")
    assert "最多还能记 0 分" in exc.message("zh")


def test_cap_refuses_160_hours_after_some_were_earned(shop):
    awards.award(shop, "JF000004", "zyfw", "4")               # 1 point this month
    exc = refuse(shop.db, "cap_reached", awards.award, shop, "JF000004", "zyfw", "160")
    zh = exc.message("zh")
    assert "张桂兰" in zh and "志愿服务" in zh and "本月" in zh
    assert "已得 1 分" in zh and "上限 40 分" in zh and "最多还能记 39 分" in zh, zh
    en = exc.message("en")
    assert "39" in en and "month" in en
    assert_english(exc)
    assert awards.award(shop, "JF000004", "zyfw", "156").points == Points.parse(39)


def test_cap_is_per_resident_and_per_month(shop, clock):
    awards.award(shop, "JF000004", "zyfw", "160")
    awards.award(shop, "JF000001", "zyfw", "160")           # another resident
    awards.award(shop, "JF000002", "zyfw", "160")           # same household, own cap
    clock.set(datetime(2026, 12, 1, 9, 0))
    assert awards.award(shop, "JF000004", "zyfw", "160").points == Points.parse(40)
    # Backdated to November: that month is full.
    refuse(shop.db, "cap_reached", awards.award, shop, "JF000004", "zyfw", "4", day="2026-11-30")


def test_pending_claims_count_toward_the_cap(shop, volunteer):
    awards.award(volunteer, "JF000004", "zyfw", "100")        # 25 pending
    exc = refuse(shop.db, "cap_reached", awards.award, shop, "JF000004", "zyfw", "64")   # 16
    assert "最多还能记 15 分" in exc.message("zh")
    refuse(volunteer.db, "cap_reached", awards.award, volunteer, "JF000004", "zyfw", "64")
    awards.award(shop, "JF000004", "zyfw", "60")              # 15: exactly the room left
    assert balance_of(shop, "JF000004") == 1500


def test_rejected_claims_free_the_cap(shop, volunteer):
    filed = awards.award(volunteer, "JF000004", "zyfw", "160")
    claims.reject(shop, filed.id, "没有签到记录")
    assert awards.award(shop, "JF000004", "zyfw", "160").points == Points.parse(40)


def test_repeated_gambling_deduction_doubles_within_365_days(shop, clock):
    give(shop, "JF000004", 20)                                # 100
    first = awards.award(shop, "JF000004", "kf_dubo")
    assert first.points == Points.parse(-20)
    clock.set(datetime(2027, 6, 1, 10, 0))
    second = awards.award(shop, "JF000004", "赌博")
    assert second.points == Points.parse(-40)
    assert balance_of(shop, "JF000004") == 10000 - 2000 - 4000
    kinds = [r[0] for r in shop.db.all("SELECT kind FROM entry WHERE hundredths < 0")]
    assert kinds == ["deduct", "deduct"]


def test_gambling_deduction_after_a_clean_year_is_single(shop, clock):
    awards.award(shop, "JF000004", "kf_dubo")
    clock.set(datetime(2027, 11, 5, 10, 0))                   # 367 days later
    assert awards.award(shop, "JF000004", "kf_dubo").points == Points.parse(-20)


def test_doubling_is_per_resident(shop):
    awards.award(shop, "JF000001", "kf_dubo")
    assert awards.award(shop, "JF000002", "kf_dubo").points == Points.parse(-20)


@pytest.mark.parametrize("status, word, english", [("moved", "已迁出", "moved away"),
                                                   ("deceased", "已故", "deceased")])
def test_award_to_inactive_resident_is_refused(shop, volunteer, status, word, english):
    shop.db.execute("UPDATE resident SET status = ? WHERE card_code = 'JF000004'", (status,))
    exc = refuse(shop.db, "resident_inactive", awards.award, shop, "JF000004", "hjqs")
    assert "张桂兰" in exc.message("zh") and word in exc.message("zh")
    assert english in exc.message("en")
    assert_english(exc)
    refuse(shop.db, "resident_inactive", awards.award, volunteer, "JF000004", "hjqs")
    refuse(shop.db, "resident_inactive", awards.award, shop, "JF000004", "kf_dubo")


def test_retired_rule_is_refused(shop):
    rules.retire_rule(shop, "hjqs")
    exc = refuse(shop.db, "rule_retired", awards.award, shop, "JF000001", "hjqs")
    assert "环境清扫" in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize("day, code", [("2026-11-04", "date_future"), ("2026-13-01", "date_bad"),
                                       ("昨天", "date_bad"), ("2026-02-30", "date_bad")])
def test_bad_activity_date(shop, day, code):
    refuse(shop.db, code, awards.award, shop, "JF000001", "hjqs", 1, day=day)


def test_backdated_award_keeps_its_activity_date(shop):
    posted = awards.award(shop, "JF000001", "hjqs", day="2026/10/28")
    row = shop.db.one("SELECT activity_date, at FROM entry WHERE id = ?", (posted.id,))
    assert row["activity_date"] == "2026-10-28" and row["at"].startswith("2026-11-03")


def test_claim_is_decided_once(shop, volunteer):
    filed = awards.award(volunteer, "JF000004", "hjqs")
    claims.approve(shop, filed.id)
    exc = refuse(shop.db, "claim_decided", claims.approve, shop, filed.id)
    assert "已通过" in exc.message("zh")
    assert_english(exc)
    refuse(shop.db, "claim_decided", claims.reject, shop, filed.id, "弄错了")
    assert balance_of(shop, "JF000004") == 500


def test_rejecting_a_claim_keeps_the_reason_and_posts_nothing(shop, volunteer):
    filed = awards.award(volunteer, "JF000004", "hjqs")
    refuse(shop.db, "reason_required", claims.reject, shop, filed.id, " ")
    decided = claims.reject(shop, filed.id, "没有照片")
    assert decided.status == "rejected" and decided.reason == "没有照片"
    assert shop.db.scalar("SELECT COUNT(*) FROM entry WHERE claim_id = ?", (filed.id,)) == 0
    assert balance_of(shop, "JF000004") == 0
    assert [c.id for c in claims.list_claims(shop)] == []


def test_claim_found_by_its_printed_tail(shop, volunteer):
    filed = awards.award(volunteer, "JF000004", "hjqs")
    assert claims.approve(shop, filed.id[-6:]).status == "approved"


@pytest.mark.parametrize("ref", ["nope", "", "%"])
def test_unknown_claim(shop, volunteer, ref):
    awards.award(volunteer, "JF000004", "hjqs")
    exc = refuse(shop.db, "claim_unknown", claims.approve, shop, ref)
    assert_english(exc)


def test_volunteer_deduction_claim_is_approved_as_a_deduction(shop, volunteer):
    give(shop, "JF000004", 5)
    filed = awards.award(volunteer, "JF000004", "kf_dubo")
    assert filed.status == "pending" and balance_of(shop, "JF000004") == 2500
    claims.approve(shop, filed.id)
    assert balance_of(shop, "JF000004") == 500
    assert shop.db.scalar("SELECT kind FROM entry WHERE claim_id = ?", (filed.id,)) == "deduct"
    assert run_check(shop.db).ok


def test_positive_adjustment_of_a_negative_balance_is_allowed(shop):
    awards.award(shop, "JF000004", "kf_dubo")                 # balance -20
    fixed = awards.adjust(shop, "JF000004", "5", "补记环境清扫")   # still negative, but better
    assert fixed.balance_after == Points.parse(-15)
    assert balance_of(shop, "JF000004") == -1500


def test_claim_for_a_resident_who_moved_away_since_is_not_posted(shop, volunteer):
    filed = awards.award(volunteer, "JF000004", "hjqs")
    shop.db.execute("UPDATE resident SET status = 'moved' WHERE card_code = 'JF000004'")
    exc = refuse(shop.db, "resident_inactive", claims.approve, shop, filed.id)
    assert "张桂兰" in exc.message("zh")


def test_volunteer_award_posts_at_once_when_the_village_has_no_review(volunteer):
    volunteer.db.execute("UPDATE village SET claim_review = 0")
    fresh = volunteer.as_actor(volunteer.actor)
    fresh.__dict__.pop("village", None)
    result = awards.award(fresh, "JF000001", "hjqs")
    assert result.status == "posted" and str(result.balance_after) == "5"


def test_volunteer_award_under_a_rule_without_review_posts_at_once(shop, volunteer):
    from kiosk.core.rules import Rule, Shape

    rules.add_rule(shop, Rule("drqd", "党日活动签到", "公共参与", Shape.FIXED, Points.parse(5),
                              needs_review=False))
    assert awards.award(volunteer, "JF000001", "drqd").status == "posted"
    assert awards.award(volunteer, "JF000001", "hjqs").status == "pending"
