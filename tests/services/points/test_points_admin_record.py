"""Recording points for one resident or a whole activity: all or nothing, with a note and a photo."""

from __future__ import annotations

import pytest

from kiosk.core.points import Points
from kiosk.services.people import residents
from kiosk.services.points import activity, activity_list, awards, claims
from kiosk.store import activities as activity_store
from tests.conftest import fingerprint
from tests.services._points_admin import books_balance, books_stay_balanced, entries, leave, photo
from tests.services._support import assert_english, balance_of, refuse

pytestmark = pytest.mark.usefixtures(books_stay_balanced.__name__)


@pytest.fixture
def crowd(shop):
    """21 more residents of 7组, so the village has 25 people in all (their card codes)."""
    for n in range(21):
        residents.add_resident(shop, name=f"村民{n:02d}", house_no=f"7组{n // 2 + 1}号")
    return [f"JF{n:06d}" for n in range(1, 26)]


def test_a_clean_up_with_25_residents_posts_each_their_hours(shop, crowd, tmp_path):
    people = [(card, "8" if card == "JF000003" else "4") for card in crowd]
    done = activity.record(shop, "zyfw", people, note="3组村道清扫", photo=photo(tmp_path))
    assert done.status == "posted" and len(done.awards) == 25 and done.has_photo
    assert [a.points for a in done.awards[1:4]] == [Points.parse(1), Points.parse(2), Points.parse(1)]
    assert done.total == Points.parse(26)
    assert entries(shop.db, "award") == 25
    lines = activity_store.lines(shop.db, done.id)
    assert len(lines) == 25 and all(line["entry_id"] for line in lines)
    assert {r[0] for r in shop.db.all("SELECT note FROM entry")} == {"3组村道清扫"}
    books_balance(shop.db)


def test_the_photo_is_scaled_and_kept_with_the_activity(shop, tmp_path):
    done = activity.record(shop, "hjqs", [("JF000001", 1)], photo=photo(tmp_path, size=(4000, 3000)))
    kept = activity.photo_of(shop, done.awards[0].id)
    assert kept.mime == "image/jpeg" and max(kept.width, kept.height) == 1024
    assert len(kept.data) < 400_000


def test_one_resident_is_an_activity_of_one(shop):
    done = activity.record(shop, "hjqs", [("王小明", 1)], note="帮五保户打扫")
    assert done.awards[0].balance_after == Points.parse(5)
    assert activity.photo_of(shop, done.awards[0].id) is None


def test_a_volunteers_activity_becomes_claims_for_review(shop, volunteer):
    done = activity.record(volunteer, "hjqs", [("JF000001", 1), ("JF000004", 1)], note="清扫")
    assert done.status == "pending" and entries(shop.db) == 0
    assert [line["claim_id"] for line in activity_store.lines(shop.db, done.id)] == [a.id for a in done.awards]
    assert len(claims.list_claims(shop)) == 2


def test_a_cap_broken_by_the_activity_refuses_all_and_names_who(shop, crowd):
    awards.award(shop, "JF000004", "zyfw", "150")              # 37.5 of 40 this month
    awards.award(shop, "JF000003", "zyfw", "156")              # 39
    people = [(card, "12") for card in crowd[:10]]             # 3 points each
    exc = refuse(shop.db, "activity_caps", activity.record, shop, "zyfw", people)
    zh = exc.message("zh")
    assert "张桂兰（这次 3 分，还能记 2.5 分）" in zh and "王晓明（这次 3 分，还能记 1 分）" in zh, zh
    assert "这 2 位" in zh and "每月最多 40 分" in zh and "整批都没有记分" in zh
    assert "王小明" not in zh
    assert_english(exc)
    books_balance(shop.db)


def test_an_inactive_resident_in_the_list_refuses_all_by_name(shop, crowd):
    leave(shop.db, "JF000002")
    leave(shop.db, "JF000007", "deceased")
    exc = refuse(shop.db, "activity_inactive", activity.record, shop, "hjqs", [(c, 1) for c in crowd[:8]])
    assert "李秀英、村民02" in exc.message("zh")
    assert_english(exc)


def test_an_award_to_an_inactive_resident_is_refused(shop):
    leave(shop.db, "JF000004")
    exc = refuse(shop.db, "resident_inactive", awards.award, shop, "JF000004", "hjqs")
    assert "张桂兰" in exc.message("zh")


def test_the_same_resident_twice_is_refused(shop):
    exc = refuse(shop.db, "activity_twice", activity.record, shop, "hjqs", [("JF000001", 1), ("王小明", 1)])
    assert "王小明（3组12号" in exc.message("zh")


def test_an_unknown_resident_or_nobody_is_refused(shop):
    refuse(shop.db, "resident_unknown", activity.record, shop, "hjqs", [("JF000001", 1), ("赵无名", 1)])
    refuse(shop.db, "activity_nobody", activity.record, shop, "hjqs", [])


def test_a_photo_that_is_not_an_image_is_refused(shop, tmp_path):
    fake = tmp_path / "clean-up.jpg"
    fake.write_text("这不是照片", encoding="utf-8")
    exc = refuse(shop.db, "photo_not_image", activity.record, shop, "hjqs", [("JF000001", 1)], photo=fake)
    assert "clean-up.jpg 不是照片" in exc.message("zh")
    assert_english(exc)


def test_a_50_mb_photo_is_refused_before_it_is_read(shop, tmp_path):
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    exc = refuse(shop.db, "photo_too_big", activity.record, shop, "hjqs", [("JF000001", 1)], photo=huge)
    assert "50 MB" in exc.message("zh") and "最多 20 MB" in exc.message("zh")
    assert_english(exc)


def test_a_list_from_a_spreadsheet(shop, tmp_path):
    sheet = tmp_path / "名单.csv"
    sheet.write_bytes("村民,小时\n王小明,4\nJF000004,8\nwxm2\n".replace("wxm2", "王晓明").encode("gbk"))
    people = activity_list.read_people(sheet, default_qty="2")
    assert people == [("王小明", "4"), ("JF000004", "8"), ("王晓明", "2")]
    done = activity.record(shop, "zyfw", people)
    assert [a.points for a in done.awards] == [Points.parse(1), Points.parse(2), Points(50)]
    bad = tmp_path / "bad.csv"
    bad.write_text("王小明,4,多了一列\n", encoding="utf-8")
    exc = refuse(shop.db, "activity_file_row", activity_list.read_people, bad)
    assert "第 1 行" in exc.message("zh")


def test_a_repeated_deduction_in_an_activity_doubles(shop):
    awards.award(shop, "JF000004", "kf_dubo")
    done = activity.record(shop, "kf_dubo", [("JF000004", 1), ("JF000001", 1)], note="村口聚赌")
    assert [a.points for a in done.awards] == [Points.parse(-40), Points.parse(-20)]
    assert balance_of(shop, "JF000004") == -6000
    books_balance(shop.db)


def test_nothing_half_written_when_the_last_line_fails_to_post(shop, monkeypatch):
    before = fingerprint(shop.db)
    real = awards.record
    calls = []

    def failing(conn, ctx, *args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("power cut")
        return real(conn, ctx, *args)

    monkeypatch.setattr(awards, "record", failing)
    with pytest.raises(RuntimeError):
        activity.record(shop, "hjqs", [("JF000001", 1), ("JF000003", 1), ("JF000004", 1)])
    assert fingerprint(shop.db) == before
