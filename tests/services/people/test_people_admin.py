"""Residents and households as the village committee changes them: edit, move, split, merge, leave."""

from __future__ import annotations

import pytest

from kiosk.core.points import Points
from kiosk.services.people import households, resident_changes, residents
from kiosk.services.setup import settings, create as setup
from kiosk.services.shop import checkout
from kiosk.services.audit.check import run_check
from kiosk.services.people.residents import resolve
from tests.conftest import MANAGER_PIN, give
from tests.services._support import assert_english, balance_of, refuse


def books_balance(ctx) -> None:
    assert run_check(ctx.db).ok, run_check(ctx.db).problems


def total_points(ctx) -> int:
    return ctx.db.scalar("SELECT COALESCE(SUM(hundredths), 0) FROM balance")


def house_balance(ctx, house_no: str) -> int:
    return next(h.balance.hundredths for h in households.listing(ctx) if h.house_no == house_no)


# --- editing -------------------------------------------------------------------------

def test_edit_a_residents_details(shop):
    edited = resident_changes.edit(shop, "JF000002", name="李秀兰", phone="138 1234 5678",
                                   id_last4="123x", relation="妻子")
    assert (edited.name, edited.initials, edited.phone, edited.id_last4, edited.relation) == (
        "李秀兰", "lxl", "138 1234 5678", "123X", "妻子")
    assert resolve(shop, "lxl").card_code == "JF000002"
    row = shop.db.one("SELECT before, after FROM audit WHERE action = 'resident.edit'")
    assert "李秀英" in row["before"] and "李秀兰" in row["after"]
    books_balance(shop)


def test_making_someone_head_hands_over_the_household(shop):
    resident_changes.edit(shop, "李秀英", relation="户主")
    members = residents.members(shop, resolve(shop, "李秀英").household_id)
    assert [(m.name, m.relation) for m in members] == [("李秀英", "户主"), ("王小明", "")]
    assert households.listing(shop, "3组")[0].head == "李秀英"


@pytest.mark.parametrize("value", ["12345", "12a4", "X123", "12 4"])
def test_bad_id_card_last_four_is_refused(shop, value):
    exc = refuse(shop.db, "id_last4_bad", resident_changes.edit, shop, "JF000001", id_last4=value)
    assert "身份证后四位" in exc.message("zh") and value.strip() in exc.message("zh")
    assert_english(exc)


def test_bad_phone_and_an_edit_that_changes_nothing(shop):
    exc = refuse(shop.db, "phone_bad", resident_changes.edit, shop, "JF000001", phone="打电话")
    assert "电话" in exc.message("zh")
    exc = refuse(shop.db, "edit_nothing", resident_changes.edit, shop, "JF000001", name="王小明")
    assert "没有改动" in exc.message("zh")
    assert_english(exc)


def test_volunteers_cannot_change_residents(volunteer):
    refuse(volunteer.db, "not_allowed", resident_changes.edit, volunteer, "JF000001", phone="13800000000")
    refuse(volunteer.db, "not_allowed", households.merge, volunteer, "5组1号", "3组12号")
    refuse(volunteer.db, "not_allowed", resident_changes.leave, volunteer, "JF000004", "moved")


# --- moving a member ---------------------------------------------------------------------

def test_move_a_member_to_another_household(shop):
    give(shop, "JF000001", 2)
    moved = resident_changes.move(shop, "李秀英", "5组1号", relation="女儿")
    assert (moved.house_no, moved.relation) == ("5组1号", "女儿")
    assert house_balance(shop, "3组12号") == 1000          # household points stay where earned
    assert [m.name for m in residents.members(shop, moved.household_id)] == ["王晓明", "李秀英"]
    books_balance(shop)


def test_moving_the_head_passes_the_headship_on(shop):
    resident_changes.move(shop, "王小明", "1组8号")
    assert households.listing(shop, "3组12号")[0].head == "李秀英"
    assert resolve(shop, "李秀英").relation == "户主"


def test_moving_into_a_household_that_does_not_exist(shop):
    exc = refuse(shop.db, "move_household_unknown", resident_changes.move, shop, "JF000001", "9组99号")
    assert "9组99号" in exc.message("zh") and "分户" in exc.message("zh")
    assert_english(exc)
    refuse(shop.db, "move_same_household", resident_changes.move, shop, "JF000001", "3组12号")


# --- splitting and merging ---------------------------------------------------------------

def test_a_split_keeps_the_total(shop):
    give(shop, "JF000001", 4)                                  # 20 points in 3组12号
    give(shop, "JF000004", 1)
    total = total_points(shop)
    done = households.split(shop, "3组12号", ["李秀英"], "3组13号")
    assert done.points == Points.parse(10)                    # by head count: 1 of 2
    assert (house_balance(shop, "3组12号"), house_balance(shop, "3组13号")) == (1000, 1000)
    assert total_points(shop) == total
    pair = shop.db.all("SELECT hundredths FROM entry WHERE kind = 'transfer' ORDER BY hundredths")
    assert [r[0] for r in pair] == [-1000, 1000]
    new = resolve(shop, "李秀英")
    assert (new.house_no, new.relation) == ("3组13号", "户主")
    assert households.listing(shop, "3组13号")[0].head == "李秀英"
    books_balance(shop)


def test_a_split_with_a_named_amount_and_bad_amounts(shop):
    give(shop, "JF000001", 4)
    refuse(shop.db, "split_points_bad", households.split, shop, "3组12号", ["李秀英"], "3组13号", "20.01")
    refuse(shop.db, "split_points_bad", households.split, shop, "3组12号", ["李秀英"], "3组13号", "-1")
    refuse(shop.db, "points_bad", households.split, shop, "3组12号", ["李秀英"], "3组13号", "很多")
    households.split(shop, "3组12号", ["JF000002"], "3组13号", "2.5")
    assert (house_balance(shop, "3组12号"), house_balance(shop, "3组13号")) == (1750, 250)


def test_split_refusals(shop):
    exc = refuse(shop.db, "split_takes_everyone", households.split, shop, "3组12号",
                 ["王小明", "李秀英"], "3组13号")
    assert "空" in exc.message("zh")
    refuse(shop.db, "split_member_unknown", households.split, shop, "3组12号", ["张桂兰"], "3组13号")
    refuse(shop.db, "household_exists", households.split, shop, "3组12号", ["李秀英"], "5组1号")
    refuse(shop.db, "household_unknown", households.split, shop, "8组8号", ["李秀英"], "3组13号")


def test_a_merge_moves_everyone_and_every_point(shop):
    give(shop, "JF000003", 3)
    give(shop, "JF000001", 1)
    total = total_points(shop)
    done = households.merge(shop, "5组1号", "3组12号")
    assert done.members == ("王晓明",) and done.points == Points.parse(15)
    assert house_balance(shop, "3组12号") == 2000 and total_points(shop) == total
    assert "5组1号" not in [h.house_no for h in households.listing(shop)]
    assert resolve(shop, "王晓明").house_no == "3组12号"
    assert checkout.redeem_items(shop, "王晓明", ["香皂"]).balance_after == Points.parse("14.5")
    books_balance(shop)


def test_merging_a_household_with_itself(shop):
    exc = refuse(shop.db, "merge_same", households.merge, shop, "3组12号", "3组12号")
    assert "它自己" in exc.message("zh")
    assert_english(exc)
    refuse(shop.db, "household_unknown", households.merge, shop, "3组12号", "9组9号")


def test_a_merged_house_number_can_be_lived_in_again(shop):
    households.merge(shop, "5组1号", "3组12号")
    residents.add_resident(shop, name="赵新", house_no="5组1号")
    assert [h.head for h in households.listing(shop, "5组")] == ["赵新"]


# --- leaving ------------------------------------------------------------------------------

def test_a_resident_who_moved_away_cannot_use_the_card(shop):
    resident_changes.leave(shop, "JF000002", "moved")
    exc = refuse(shop.db, "resident_left", resolve, shop, "JF000002", active_only=True)
    assert "李秀英" in exc.message("zh") and "已迁出" in exc.message("zh") and "停用" in exc.message("zh")
    assert_english(exc)
    assert resolve(shop, "JF000002").status == "moved"        # the books still know her
    refuse(shop.db, "resident_inactive", checkout.redeem_items, shop, "JF000002", ["香皂"])


def test_the_counter_finds_a_living_namesake_first(shop):
    residents.add_resident(shop, name="张桂兰", house_no="2组1号")
    resident_changes.leave(shop, "JF000004", "deceased")
    assert resolve(shop, "张桂兰", active_only=True).house_no == "2组1号"


def test_leaving_twice_and_coming_back(shop):
    resident_changes.leave(shop, "JF000004", "deceased")
    exc = refuse(shop.db, "resident_already_left", resident_changes.leave, shop, "JF000004", "moved")
    assert "已故" in exc.message("zh")
    back = resident_changes.rejoin(shop, "JF000004")
    assert back.status == "active" and resolve(shop, "JF000004", active_only=True).name == "张桂兰"
    refuse(shop.db, "resident_not_left", resident_changes.rejoin, shop, "JF000004")


def test_a_household_keeps_its_points_when_a_member_leaves(shop):
    give(shop, "JF000001", 2)
    left = resident_changes.leave(shop, "王小明", "deceased", points="forfeit")
    assert left.points == "household" and left.new_head == "李秀英"
    assert house_balance(shop, "3组12号") == 1000
    books_balance(shop)


def test_the_last_member_leaving_forfeits_by_an_entry(shop):
    give(shop, "JF000004", 2)
    settings.change(shop, {"people.leave_points": "forfeit"})
    left = resident_changes.leave(shop, "JF000004", "moved")
    assert (left.points, left.amount) == ("forfeit", Points.parse(10))
    assert balance_of(shop, "JF000004") == 0
    entry = shop.db.one("SELECT kind, hundredths, note FROM entry ORDER BY rowid DESC LIMIT 1")
    assert (entry["kind"], entry["hundredths"], entry["note"]) == ("expire", -1000, "迁出，积分作废")
    books_balance(shop)


@pytest.fixture
def per_resident(tmp_path, clock):
    db = setup.create_database(tmp_path / "per-resident.sqlite")
    ctx = setup.init_village(db, village="东岛刘家村", manager="刘建军", pin=MANAGER_PIN, clock=clock,
                             account_mode="resident")
    for name, relation in [("刘大海", ""), ("王桂芝", "配偶"), ("刘小军", "儿子")]:
        residents.add_resident(ctx, name=name, house_no="1组1号", relation=relation)
    residents.add_resident(ctx, name="孙立", house_no="1组2号")
    from kiosk.core.points import Points as P
    from kiosk.core.rules import Rule, Shape
    from kiosk.services.points import rules

    rules.add_rule(ctx, Rule("hjqs", "环境清扫", "环境卫生", Shape.FIXED, P.parse(5)))
    return ctx


@pytest.mark.parametrize("choice, head_gets, own_left", [("household", 1500, 0), ("keep", 500, 1000),
                                                          ("forfeit", 500, 0)])
def test_where_points_are_per_resident_the_setting_decides(per_resident, choice, head_gets, own_left):
    ctx = per_resident
    give(ctx, "刘大海")
    give(ctx, "王桂芝", 2)
    total = total_points(ctx)
    left = resident_changes.leave(ctx, "王桂芝", "deceased", points=choice)
    assert left.points == choice
    assert (balance_of(ctx, "刘大海"), balance_of(ctx, "王桂芝")) == (head_gets, own_left)
    assert total_points(ctx) == total - (1000 if choice == "forfeit" else 0)
    books_balance(ctx)


def test_where_points_are_per_resident_they_travel_with_their_owner(per_resident):
    ctx = per_resident
    give(ctx, "刘小军", 3)
    refuse(ctx.db, "split_points_per_resident", households.split, ctx, "1组1号", ["刘小军"], "1组3号", "5")
    done = households.split(ctx, "1组1号", ["刘小军"], "1组3号")
    assert done.points == Points(0) and balance_of(ctx, "刘小军") == 1500
    assert house_balance(ctx, "1组3号") == 1500 and house_balance(ctx, "1组1号") == 0
    households.merge(ctx, "1组3号", "1组2号")
    assert house_balance(ctx, "1组2号") == 1500
    books_balance(ctx)


def test_bad_leave_choices(shop):
    refuse(shop.db, "leave_status_unknown", resident_changes.leave, shop, "JF000004", "gone")
    exc = refuse(shop.db, "leave_points_unknown", resident_changes.leave, shop, "JF000004", "moved", "sell")
    assert "household" in exc.message("zh")
