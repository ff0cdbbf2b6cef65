"""The residents' touchscreen services: what they show, and that they never write."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape
from kiosk.services.people import operators, residents
from kiosk.services.points import awards, claims, rules
from kiosk.services.selfservice import screen as selfservice
from kiosk.services.setup import settings
from kiosk.services.shop import checkout, products, refunds
from kiosk.services.stock import movements as stock
from kiosk.services.context import SELFSERVICE
from tests.conftest import fingerprint, give


@pytest.fixture
def reader(shop):
    """The touchscreen's own context: the self-service role."""
    return shop.as_actor(SELFSERVICE)


def read(ctx, call, *args, **kwargs):
    """Call a self-service function and check that the database is exactly as before."""
    before = fingerprint(ctx.db)
    result = call(ctx, *args, **kwargs)
    assert fingerprint(ctx.db) == before, f"{call.__name__} changed the database"
    return result


def who(ctx, card: str) -> residents.Resident:
    return residents.resolve(ctx, card)


def points(n) -> Points:
    return Points.parse(n)


# reading only --------------------------------------------------------------------------

def every_call(ctx, resident):
    return [(selfservice.pin_required,), (selfservice.summary, resident),
            (selfservice.details, resident), (selfservice.check_pin, resident, "1234"),
            (selfservice.find_by_initials, "w"), (selfservice.find_by_house, "3组"),
            (selfservice.find_by_card, "jf000001"), (selfservice.ranking, "month"),
            (selfservice.ranking, "year", 5, resident.household_id), (selfservice.notices,),
            (selfservice.new_goods,), (selfservice.rules_in_words,)]


def test_every_function_reads_only_even_with_writes_forbidden(shop, volunteer, reader):
    give(shop, "JF000001", 4)
    checkout.redeem_items(shop, "JF000001", ["香皂x2"])
    awards.award(volunteer, "JF000001", "hjqs")
    set_pin(shop, "JF000001", "1234")
    resident = who(shop, "JF000001")
    shop.db.execute("PRAGMA query_only = ON")   # any write now raises
    try:
        for call, *args in every_call(reader, resident):
            assert read(reader, call, *args) is not None
            assert read(shop, call, *args) is not None    # a manager reads the same way
    finally:
        shop.db.execute("PRAGMA query_only = OFF")


def test_the_self_service_role_still_cannot_write_through_other_services(reader):
    with pytest.raises(Refused) as info:
        awards.award(reader, "JF000001", "hjqs")
    assert info.value.code == "not_allowed"


# summary and details ---------------------------------------------------------------------

def test_summary_names_the_household_its_head_and_balance(shop, reader):
    give(shop, "JF000001", 3)
    top = read(reader, selfservice.summary, who(shop, "李秀英"))
    assert (top.household, top.head, top.balance, top.currency) == ("3组12号", "王小明", points(15), "美德积分")
    assert top.resident.name == "李秀英"


def test_history_says_hours_counts_and_goods_in_words(shop, reader):
    give(shop, "JF000001", 3)
    awards.award(shop, "JF000001", "zyfw", qty=4)
    awards.award(shop, "JF000001", "hjqs", qty=2)
    sale = checkout.redeem_items(shop, "JF000001", ["香皂x2", "6920000000012"])
    checkout.redeem_items(shop, "JF000001", ["香皂"])
    refunds.refund(shop, sale.receipt, "不要了", {2: 1})
    awards.adjust(shop, "JF000001", "-1", "多记了")
    history = read(reader, selfservice.details, who(shop, "JF000001")).history
    assert [(h.words, h.points) for h in history] == [
        ("管理员更正：多记了", points(-1)), ("退货退分", points(5)), ("兑换 香皂", points("-5.5")),
        ("兑换 香皂 等 3 件", points(-16)), ("环境清扫 2 次", points(10)), ("志愿服务 4 小时", points(1)),
        ("环境清扫", points(5)), ("环境清扫", points(5)), ("环境清扫", points(5))]
    assert {h.day for h in history} == {"2026-11-03"}


def test_history_keeps_the_newest_twenty(shop, reader):
    give(shop, "JF000001", 21)
    awards.award(shop, "JF000001", "zyfw", qty=1)
    awards.award(shop, "JF000001", "zyfw", qty="2.5", day="2026-11-01")
    history = read(reader, selfservice.details, who(shop, "JF000001")).history
    assert len(history) == 20
    assert [(h.words, h.day) for h in history[:3]] == [
        ("志愿服务 2.5 小时", "2026-11-01"), ("志愿服务 1 小时", "2026-11-03"), ("环境清扫", "2026-11-03")]


def test_member_shares_add_up_to_the_year_score(shop, reader):
    give(shop, "王小明", 3)
    give(shop, "李秀英", 2)
    awards.award(shop, "李秀英", "kf_dubo")
    settings.change(shop, {"points.backdate_months": "12"})
    awards.award(shop, "王小明", "hjqs", day="2025-12-30")         # last year: not counted
    checkout.redeem_items(shop, "王小明", ["牙膏"])                  # spending is not earning
    give(shop, "张桂兰", 5)                                          # another household
    for name in ("王大伯", "王小宝"):
        residents.add_resident(shop, name=name, house_no="3组12号", relation="父亲" if name == "王大伯" else "儿子")
    give(shop, "王大伯", 1)
    shop.db.execute("UPDATE resident SET status = 'deceased' WHERE name IN ('王大伯', '王小宝')")
    d = read(reader, selfservice.details, who(shop, "李秀英"))
    assert [(m.name, m.relation, m.earned) for m in d.members] == [
        ("王小明", "户主", points(15)), ("李秀英", "配偶", points(-10)), ("王大伯", "父亲", points(5))]
    assert sum((m.earned for m in d.members), Points(0)) == d.year_score == points(10)
    assert d.summary.balance == points(10)
    assert (d.grade, d.next_grade, d.next_grade_at) == ("C", "B", points(60))


def test_affordable_goods_are_in_stock_active_and_within_the_balance(shop, reader):
    give(shop, "JF000003", 10)                                       # 50 points
    stock.take(shop, "6920000000012", 0)                             # 牙膏 sold out
    oil = products.add_product(shop, name="玉米油 5L", price=85, category="粮油")
    soap = products.add_product(shop, name="洗衣液", price=20, category="日用")
    for item in (oil, soap):
        stock.receive(shop, item.code, 5)
    shop.db.execute("UPDATE product SET active = 0 WHERE id = ?", (soap.id,))  # no retire service yet
    goods = read(reader, selfservice.details, who(shop, "JF000003")).affordable
    assert [(g.name, g.price, g.stock, g.unit, g.category) for g in goods] == [
        ("香皂", points("5.5"), 30, "件", "日用"), ("大米 5kg", points(50), 20, "件", "日用")]


def test_nothing_is_affordable_on_an_empty_balance(shop, reader):
    assert read(reader, selfservice.details, who(shop, "JF000004")).affordable == ()


def test_claims_show_pending_and_on_notice_until_the_notice_ends(shop, volunteer, reader, clock):
    awards.award(volunteer, "JF000001", "zyfw", qty=4)               # stays pending
    approved = awards.award(volunteer, "李秀英", "hjqs", day="2026-11-02")
    claims.approve(shop, approved.id)
    rejected = awards.award(volunteer, "JF000001", "hjqs")
    claims.reject(shop, rejected.id, "没有这回事")
    awards.award(volunteer, "JF000004", "hjqs")                      # another household
    resident = who(shop, "JF000001")
    found = read(reader, selfservice.details, resident).claims
    assert found == (
        selfservice.ClaimItem("2026-11-03", "王小明", "志愿服务 4 小时", points(1), "pending"),
        selfservice.ClaimItem("2026-11-02", "李秀英", "环境清扫", points(5), "notice"))
    clock.advance(days=8)
    assert [c.status for c in read(reader, selfservice.details, resident).claims] == ["pending"]


def test_notice_board_lists_recent_awards_and_deductions_masked(shop, volunteer, reader, clock):
    give(shop, "JF000004", 1)
    clock.advance(days=1)
    awards.award(shop, "JF000003", "kf_dubo")
    claim = awards.award(volunteer, "JF000001", "zyfw", qty=8)
    assert [n.resident for n in read(reader, selfservice.notices)] == ["王**", "张**"]
    claims.approve(shop, claim.id)
    board = read(reader, selfservice.notices)
    assert [(n.resident, n.rule, n.points, n.status) for n in board] == [
        ("王**", "志愿服务 8 小时", points(2), "notice"), ("王**", "赌博", points(-20), "notice"),
        ("张**", "环境清扫", points(5), "notice")]
    clock.advance(days=6, hours=23)
    assert len(read(reader, selfservice.notices)) == 2              # 张桂兰's is now 8 days old
    settings.change(shop, {"notice.days": "30", "selfservice.names": "house"})
    assert [n.resident for n in read(reader, selfservice.notices)] == ["3组12号", "5组1号", "1组8号"]


# ranking ------------------------------------------------------------------------------

@pytest.fixture
def village(shop):
    """Five households: 1组8号 10, 5组1号 10, 3组12号 5, and 3组2号, 3组13号 with nothing."""
    residents.add_resident(shop, name="欧阳娜娜", house_no="3组13号")
    residents.add_resident(shop, name="赵四", house_no="3组2号")
    give(shop, "王晓明", 2)
    give(shop, "张桂兰", 2)
    give(shop, "王小明", 1)
    awards.award(shop, "王小明", "hjqs", day="2026-10-20")           # this year, not this month
    awards.award(shop, "王小明", "hjqs", day="2026-10-21")
    return shop


def test_ranking_by_month_breaks_ties_by_house_number_and_masks_names(village, reader):
    rows = read(reader, selfservice.ranking, "month")
    assert [(r.place, r.household, r.shown_name, r.earned, r.is_you) for r in rows] == [
        (1, "1组8号", "张**", points(10), False), (2, "5组1号", "王**", points(10), False),
        (3, "3组12号", "王**", points(5), False), (4, "3组2号", "赵*", points(0), False),
        (5, "3组13号", "欧***", points(0), False)]


def test_ranking_by_year_marks_your_household_with_its_full_name(village, reader):
    you = who(village, "王小明").household_id
    rows = read(reader, selfservice.ranking, "year", 2, you)
    assert [(r.place, r.household, r.shown_name, r.earned, r.is_you) for r in rows] == [
        (1, "3组12号", "王小明", points(15), True), (2, "1组8号", "张**", points(10), False)]


def test_ranking_names_follow_the_village_setting(village, reader):
    settings.change(village, {"selfservice.names": "full"})
    assert [r.shown_name for r in read(reader, selfservice.ranking, "month", 2)] == ["张桂兰", "王晓明"]
    settings.change(village, {"selfservice.names": "house"})
    assert [r.shown_name for r in read(reader, selfservice.ranking, "month", 2)] == ["1组8号", "5组1号"]


def test_ranking_refuses_an_unknown_period(reader):
    with pytest.raises(Refused) as info:
        selfservice.ranking(reader, "week")
    assert info.value.code == "ranking_period_unknown"


def test_details_give_the_households_place_of_all(village, reader):
    d = read(reader, selfservice.details, who(village, "赵四"))
    assert (d.rank, d.households, d.year_score) == (4, 5, points(0))
    d = read(reader, selfservice.details, who(village, "李秀英"))
    assert (d.rank, d.households, d.year_score) == (1, 5, points(15))


# rules --------------------------------------------------------------------------------

def test_rules_in_plain_words_grouped_by_category(shop, reader):
    rules.add_rule(shop, Rule("zaxl", "治安巡逻", "志愿服务", Shape.PER_HOUR, points(5), Measure(400),
                              cap=points(20), cap_period=Period.MONTH))
    rules.add_rule(shop, Rule("zjtt", "宅基地腾退", "环境卫生", Shape.PER_M2, points(1), Measure(500)))
    rules.add_rule(shop, Rule("lxzz", "林下种植", "环境卫生", Shape.PER_MU, points(5)))
    rules.add_rule(shop, Rule("tysf", "庭院示范户", "环境卫生", Shape.PER_PERIOD, points(15),
                              cap=points(15), cap_period=Period.YEAR))
    rules.add_rule(shop, Rule("old", "旧规则", "环境卫生", Shape.FIXED, points(1)))
    rules.retire_rule(shop, "old")
    found = read(reader, selfservice.rules_in_words)
    assert [(r.category, r.name, r.words) for r in found] == [
        ("环境卫生", "环境清扫", "每次 5 分"),
        ("环境卫生", "宅基地腾退", "每 5 平方米 1 分"),
        ("环境卫生", "林下种植", "每亩 5 分"),
        ("环境卫生", "庭院示范户", "每期 15 分，每年最多 15 分"),
        ("志愿服务", "志愿服务", "每 4 小时 1 分，每月最多 40 分"),
        ("志愿服务", "治安巡逻", "每 4 小时 5 分，每月最多 20 分"),
        ("扣分事项", "赌博", "每次扣 20 分，一年内再犯加倍")]


# PIN and finding ------------------------------------------------------------------------

def set_pin(ctx, card: str, pin: str) -> None:
    ctx.db.execute("UPDATE resident SET pin_hash = ? WHERE card_code = ?", (operators.hash_pin(pin), card))


def test_check_pin_right_wrong_and_none_set(shop, reader):
    set_pin(shop, "JF000001", "1357")
    mine, theirs = who(shop, "JF000001"), who(shop, "JF000004")
    assert read(reader, selfservice.check_pin, mine, "1357") is True
    for wrong in ("1358", "", None, "13a7", "1357" * 10):
        assert read(reader, selfservice.check_pin, mine, wrong) is False
    assert read(reader, selfservice.check_pin, theirs, "1357") is False     # no PIN set


def test_pin_required_follows_the_setting(shop, reader):
    assert read(reader, selfservice.pin_required) is False
    settings.change(shop, {"selfservice.pin_required": "是"})
    assert read(reader, selfservice.pin_required) is True


def test_find_by_initials_active_residents_by_name(shop, reader):
    residents.add_resident(shop, name="王五", house_no="2组3号")
    shop.db.execute("UPDATE resident SET status = 'moved' WHERE name = '王五'")

    def names(letters: str) -> list[str]:
        return [r.name for r in read(reader, selfservice.find_by_initials, letters)]

    assert names("W") == names("wxm") == ["王小明", "王晓明"]
    assert names("lx") == ["李秀英"]
    assert names("q") == []
    assert names("") == sorted(["王小明", "李秀英", "王晓明", "张桂兰"])
    assert len(read(reader, selfservice.find_by_initials, "", limit=2)) == 2


def test_find_by_house_prefix_head_first(shop, reader):
    residents.add_resident(shop, name="赵四", house_no="3组2号")

    def find(text: str) -> list[tuple[str, str]]:
        return [(r.house_no, r.name) for r in read(reader, selfservice.find_by_house, text)]

    assert find("3组") == [("3组2号", "赵四"), ("3组12号", "王小明"), ("3组12号", "李秀英")]
    assert find("3组1") == [("3组12号", "王小明"), ("3组12号", "李秀英")]
    assert find("5") == [("5组1号", "王晓明")]
    assert find("9组") == []


def test_find_by_card_in_any_case(shop, reader):
    residents.add_resident(shop, name="陈明", house_no="2组5号", card_code="Ab12")

    def card(code: str) -> str | None:
        found = read(reader, selfservice.find_by_card, code)
        return found.name if found else None

    assert [card(c) for c in ("JF000001", "jf000001", " JF000001\n", "AB12", "ab12", "Ab12")] == [
        "王小明", "王小明", "王小明", "陈明", "陈明", "陈明"]
    assert card("JF999999") is None and card("") is None


# goods --------------------------------------------------------------------------------

def test_new_goods_newest_first_within_the_days(shop, reader, clock):
    clock.advance(days=20)
    noodles = products.add_product(shop, name="挂面礼包", price=30)
    retired = products.add_product(shop, name="旧货", price=3)
    shop.db.execute("UPDATE product SET active = 0 WHERE id = ?", (retired.id,))
    assert [g.name for g in read(reader, selfservice.new_goods)][:2] == ["挂面礼包", "牙膏"]
    assert len(read(reader, selfservice.new_goods)) == 4
    assert [g.name for g in read(reader, selfservice.new_goods, 10)] == ["挂面礼包"]
    assert [g.code for g in read(reader, selfservice.new_goods, 30, 1)] == [noodles.code]


def test_rankings_follow_new_entries_a_rolled_back_write_and_a_new_month(village, reader, clock):
    assert read(reader, selfservice.ranking, "year", 1)[0].household == "3组12号"   # sums now kept
    give(village, "赵四", 4)
    assert [(r.household, r.earned) for r in read(reader, selfservice.ranking, "year", 2)] == [
        ("3组2号", points(20)), ("3组12号", points(15))]
    with pytest.raises(RuntimeError), village.db.write():
        give(village, "欧阳娜娜", 2)                                   # seen inside, then undone
        assert ("3组13号", points(10)) in [(r.household, r.earned)
                                          for r in read(reader, selfservice.ranking, "year")]
        raise RuntimeError
    give(village, "张桂兰", 3)                                         # reuses the undone rowids
    assert [(r.household, r.earned) for r in read(reader, selfservice.ranking, "year")] == [
        ("1组8号", points(25)), ("3组2号", points(20)), ("3组12号", points(15)),
        ("5组1号", points(10)), ("3组13号", points(0))]
    clock.advance(days=30)                                             # December: a new month
    assert {r.earned for r in read(reader, selfservice.ranking, "month")} == {Points(0)}
    assert [r.household for r in read(reader, selfservice.ranking, "month", 2)] == ["1组8号", "3组2号"]
