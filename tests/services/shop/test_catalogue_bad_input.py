"""Bad input at the catalogue: a clear refusal and the database exactly as before."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from kiosk.services.shop import catalogue, catalogue_pictures
from tests.services._support import assert_english, refuse

RICE = "6901234567892"
PASTE = "6920000000012"
NEW = "6902088005073"
BAD_CHECK = "6902088005074"


def _form(**given) -> catalogue.ProductForm:
    return catalogue.ProductForm(**{"name": "洗衣液 2kg", "price": "20", **given})


def _edit(ctx, item: str, **given):
    current = catalogue.detail(ctx, item)
    return catalogue.edit(ctx, current.product.id, catalogue.with_changes(current, **given))


def test_a_barcode_that_belongs_to_another_product(shop):
    exc = refuse(shop.db, "barcode_exists", catalogue.create, shop, _form(), barcode=RICE)
    assert "大米 5kg" in exc.message("zh") and RICE in exc.message("zh")
    assert_english(exc)
    refuse(shop.db, "barcode_exists", catalogue.create, shop, _form(extra_barcodes=(PASTE,)), NEW)
    refuse(shop.db, "barcode_exists", _edit, shop, RICE, extra_barcodes=(PASTE,))


@pytest.mark.parametrize("call", [
    lambda ctx: catalogue.create(ctx, _form(), barcode=BAD_CHECK),
    lambda ctx: catalogue.create(ctx, _form(extra_barcodes=(BAD_CHECK,))),
    lambda ctx: _edit(ctx, RICE, extra_barcodes=(BAD_CHECK,)),
    lambda ctx: catalogue.scan(ctx, BAD_CHECK),
], ids=["new", "new-extra", "edit-extra", "scan"])
def test_a_barcode_with_a_wrong_check_digit(shop, call):
    exc = refuse(shop.db, "barcode_bad_check_digit", call, shop)
    assert "校验位不对" in exc.message("zh") and "应为 3" in exc.message("zh")
    assert_english(exc)


def test_a_barcode_of_the_wrong_length(shop):
    exc = refuse(shop.db, "barcode_bad_format", catalogue.create, shop, _form(), barcode="12345")
    assert "8、12 或 13 位数字" in exc.message("zh")


@pytest.mark.parametrize(("price", "code", "words"), [
    ("-3", "price_not_positive", "必须大于 0"),
    ("0", "price_not_positive", "必须大于 0"),
    ("100001", "price_absurd", "太高"),
    ("5.555", "points_bad", "最多两位小数"),
    ("五十", "points_bad", "不是积分数"),
    ("", "points_bad", "不是积分数"),
])
def test_prices_that_cannot_be(shop, price, code, words):
    exc = refuse(shop.db, code, catalogue.create, shop, _form(price=price), NEW)
    assert words in exc.message("zh")
    assert_english(exc)
    exc = refuse(shop.db, code, _edit, shop, RICE, price=price)
    assert words in exc.message("zh")


@pytest.mark.parametrize(("given", "code", "words"), [
    ({"reorder_level": "-1"}, "reorder_level_bad", "0 到 100000 的整数"),
    ({"reorder_level": "很多"}, "reorder_level_bad", "预警数量"),
    ({"pinyin": "大米"}, "pinyin_bad", "只能写字母和数字"),
    ({"name": "   "}, "name_empty", "请填写商品名称，例如：东北大米 5kg"),
])
def test_other_fields_that_cannot_be(shop, given, code, words):
    exc = refuse(shop.db, code, catalogue.create, shop, _form(**given), NEW)
    assert words in exc.message("zh")
    refuse(shop.db, code, _edit, shop, RICE, **given)


@pytest.fixture
def township_item(shop):
    """大米 as if it came from the township's shared catalogue by sync."""
    shop.db.execute("UPDATE product SET owner = 'township' WHERE code = ?", (RICE,))
    return catalogue.detail(shop, RICE)


@pytest.mark.parametrize("call", [
    lambda ctx, item: catalogue.edit(ctx, item.product.id, catalogue.with_changes(item, price="45")),
    lambda ctx, item: catalogue.edit(ctx, item.product.id, catalogue.with_changes(item, name="大米")),
    lambda ctx, item: catalogue.set_active(ctx, RICE, False),
    lambda ctx, item: catalogue.set_picture(ctx, RICE, catalogue_pictures.from_bytes(_png())),
], ids=["price", "name", "retire", "picture"])
def test_a_township_item_cannot_be_changed_here(shop, township_item, call):
    exc = refuse(shop.db, "product_township", call, shop, township_item)
    assert "乡镇统一的商品" in exc.message("zh") and "大米 5kg" in exc.message("zh")
    assert_english(exc)


def test_a_volunteer_cannot_edit_goods(shop, volunteer):
    exc = refuse(shop.db, "not_allowed", _edit, volunteer, RICE, price="1")
    assert "修改商品和价格" in exc.message("zh")
    refuse(shop.db, "not_allowed", catalogue.create, volunteer, _form(), NEW)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, "PNG")
    return out.getvalue()


def test_a_picture_that_is_not_an_image(shop, tmp_path):
    path = tmp_path / "价格表.jpg"
    path.write_text("名称,积分\n大米,50\n", encoding="utf-8")
    exc = refuse(shop.db, "picture_not_image", catalogue_pictures.prepare, path)
    assert "不是图片" in exc.message("zh") and "价格表.jpg" in exc.message("zh")
    assert_english(exc)


def test_a_50_mb_picture_is_refused_before_it_is_read(shop, tmp_path, monkeypatch):
    path = tmp_path / "相机原图.jpg"
    with path.open("wb") as handle:        # sparse: 50 MB on paper, nothing on disk
        handle.write(_png())
        handle.truncate(50 * 1024 * 1024)
    opened = []
    monkeypatch.setattr(Image, "open", lambda *a, **k: opened.append(a) or pytest.fail("read"))
    before = _fingerprint(shop)
    exc = refuse(shop.db, "picture_too_big", catalogue_pictures.prepare, path)
    assert "50 MB" in exc.message("zh") and "最多 20 MB" in exc.message("zh")
    assert opened == [] and _fingerprint(shop) == before
    assert_english(exc)


def test_a_damaged_picture(shop):
    broken = _png()[:60]
    exc = refuse(shop.db, "picture_broken", catalogue_pictures.from_bytes, broken, "坏图.png")
    assert "打不开" in exc.message("zh")


def test_a_picture_of_too_many_pixels(shop):
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")   # tiny file, 81 million pixels
    exc = refuse(shop.db, "picture_too_many_pixels", catalogue_pictures.from_bytes, out.getvalue(), "大图.png")
    assert "9000×9000" in exc.message("zh")


def _fingerprint(shop) -> str:
    from tests.conftest import fingerprint

    return fingerprint(shop.db)
