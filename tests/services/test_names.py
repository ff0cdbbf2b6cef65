"""Names with rare characters, quotes, SQL metacharacters and absurd lengths."""

from __future__ import annotations

import pytest

from kiosk.core.points import Points
from kiosk.core.rules import Rule, Shape
from kiosk.services.people import operators, residents
from kiosk.services.points import awards, balances, rules
from kiosk.services.shop import products
from tests.services._support import assert_english, refuse

ODD_NAMES = [
    "Robert'); DROP TABLE resident;--",
    "王\"小'明",
    "王𠮷祥",                     # a rare character (Ext-B) is a name like any other
    "李%_\\四",                   # LIKE metacharacters
    "O'Neil \"Bob\" ; --",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_resident_name_is_stored_and_found_verbatim(shop, name):
    added = residents.add_resident(shop, name=name, house_no="7组3号")
    assert added.name == name
    stored = shop.db.scalar("SELECT name FROM resident WHERE id = ?", (added.id,))
    assert stored == name
    found = residents.resolve(shop, name)
    assert found.id == added.id and found.name == name
    assert residents.resolve(shop, added.card_code).name == name
    # The table is still there and the others are untouched.
    assert shop.db.scalar("SELECT COUNT(*) FROM resident") == 5
    # Points go to the right household.
    awards.award(shop, name, "hjqs")
    assert balances.standing(shop, added.card_code).balance == Points.parse(5)
    assert balances.standing(shop, "JF000001").balance == Points.zero()


def test_like_metacharacters_do_not_match_everyone(shop):
    refuse(shop.db, "resident_unknown", residents.resolve, shop, "%")
    refuse(shop.db, "resident_unknown", residents.resolve, shop, "___")
    assert residents.suggest(shop, "%") == []
    assert residents.suggest(shop, "_") == []


@pytest.mark.parametrize("name", ["O'Brien \"净\" 洗衣液; DROP TABLE product;--", "100%纯棉毛巾"])
def test_odd_product_name_is_stored_and_found_verbatim(shop, name):
    added = products.add_product(shop, name=name, price="12.5", category="日用")
    assert products.resolve(shop, name).id == added.id
    assert products.resolve(shop, added.code).name == name
    assert shop.db.scalar("SELECT COUNT(*) FROM product") == 4


def test_product_percent_query_is_not_a_wildcard(shop):
    products.add_product(shop, name="100%纯棉毛巾", price=12)
    refuse(shop.db, "product_unknown", products.resolve, shop, "%")
    assert products.resolve(shop, "100%").name == "100%纯棉毛巾"


LONG = "王" * 200


@pytest.mark.parametrize("call", [
    lambda ctx: residents.add_resident(ctx, name=LONG, house_no="7组3号"),
    lambda ctx: residents.add_resident(ctx, name="王" * 61, house_no="7组3号"),
    lambda ctx: residents.add_resident(ctx, name="王小二", house_no=LONG),
    lambda ctx: products.add_product(ctx, name=LONG, price=5),
    lambda ctx: operators.add_operator(ctx, LONG, "volunteer", "1234"),
    lambda ctx: rules.add_rule(ctx, Rule("x1", LONG, "其他", Shape.FIXED, Points.parse(1))),
    lambda ctx: awards.adjust(ctx, "JF000001", "5", LONG),
], ids=["resident", "resident61", "house", "product", "operator", "rule", "reason"])
def test_name_too_long_is_refused(shop, call):
    exc = refuse(shop.db, "name_too_long", call, shop)
    zh = exc.message("zh")
    assert "最多 60" in zh


def test_name_too_long_message(shop):
    exc = refuse(shop.db, "name_too_long", residents.add_resident, shop, name=LONG, house_no="7组3号")
    assert "200" in exc.message("zh") and "60" in exc.message("zh")
    assert "200" in exc.message("en") and "60" in exc.message("en")
    assert_english(exc)


@pytest.mark.parametrize("name", ["", "   ", "\n\t", "\x00\x07"])
def test_empty_name_is_refused(shop, name):
    exc = refuse(shop.db, "name_empty", residents.add_resident, shop, name=name, house_no="7组3号")
    assert "姓名" in exc.message("zh")
