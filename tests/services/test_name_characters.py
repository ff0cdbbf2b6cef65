"""Names of people and goods: rare characters go in, emoji are refused with a reason,
on every path a name comes in by (add, edit, import of residents and of goods)."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from kiosk.services.people import resident_changes, resident_import, residents
from kiosk.services.setup import imports
from kiosk.services.shop import catalogue, products
from tests.services._support import assert_english, refuse

RARE_NAMES = ["王𠮷祥", "李堃", "张喆", "刘䶮"]
EMOJI_NAMES = ["王小明😀", "☀️李四", "赵1️⃣", "张👨\u200d👩\u200d👧"]


def _xlsx(path, header, rows):
    book = Workbook()
    sheet = book.active
    for row in (header, *rows):
        sheet.append(list(row))
    book.save(path)
    return path


@pytest.mark.parametrize("name", RARE_NAMES)
def test_rare_characters_are_a_name_like_any_other(shop, name):
    added = residents.add_resident(shop, name=name, house_no="7组3号")
    assert residents.resolve(shop, name).id == added.id and added.name == name
    product = products.add_product(shop, name=f"{name}牌大米", price="50")
    assert products.resolve(shop, product.code).name == f"{name}牌大米"


@pytest.mark.parametrize("name", EMOJI_NAMES)
def test_a_resident_with_an_emoji_is_refused_and_told_why(shop, name):
    exc = refuse(shop.db, "name_emoji", residents.add_resident, shop, name=name, house_no="7组3号")
    assert "表情符号" in exc.message("zh") and "姓名" in exc.message("zh")
    assert exc.params["emoji"] and exc.params["emoji"] in name.replace("\u200d", "")
    assert_english(exc)


def test_a_resident_edit_to_an_emoji_name_is_refused(shop):
    exc = refuse(shop.db, "name_emoji", resident_changes.edit, shop, "JF000001", name="王小明🎉")
    assert exc.params["emoji"] == "🎉"


def test_symbols_that_are_text_stay_allowed(shop):
    added = products.add_product(shop, name="★海飞丝® 洗发水", price="30")
    assert added.name == "★海飞丝® 洗发水"


def test_goods_with_an_emoji_are_refused_on_add_and_edit(shop):
    exc = refuse(shop.db, "name_emoji", products.add_product, shop, name="大米🍚5kg", price="50")
    assert "商品名称" in exc.message("zh") and exc.params["emoji"] == "🍚"
    assert_english(exc)
    code = products.add_product(shop, name="大米 10kg", price="90").code
    form = catalogue.with_changes(catalogue.detail(shop, code), name="大米🍚")
    refuse(shop.db, "name_emoji", catalogue.edit, shop, code, form)


def test_an_import_of_goods_names_the_emoji_row_and_writes_nothing(shop, tmp_path):
    path = _xlsx(tmp_path / "商品.xlsx", ["名称", "积分"], [["洗衣液", 20], ["香皂🧼", 3], ["𠮷祥米", 40]])
    preview = imports.preview_products(shop, path)
    bad = [row for row in preview.rows if row.error]
    assert [row.number for row in bad] == [3] and "表情符号" in bad[0].error
    refuse(shop.db, "csv_rows", imports.import_products, shop, path)


def test_an_import_of_residents_names_the_emoji_row_and_writes_nothing(shop, tmp_path):
    path = _xlsx(tmp_path / "名册.xlsx", ["姓名", "门牌号"], [["赵德明", "2组5号"], ["钱玉兰😊", "2组6号"],
                                                          ["孙𠮷", "2组7号"]])
    plan = resident_import.plan(shop, path)
    assert [(row.number, "表情符号" in row.error) for row in plan.errors] == [(3, True)]
    refuse(shop.db, "csv_rows", resident_import.import_residents, shop, path)
