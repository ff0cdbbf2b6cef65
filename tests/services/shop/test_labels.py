"""Choosing goods for price labels and writing the PDF: who may, which goods, bad input."""

from __future__ import annotations

import errno
import os

import pytest

from kiosk.core.barcodes import check_digit
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.services.shop import labels, products
from kiosk.services.context import SELFSERVICE
from tests.conftest import fingerprint
from tests.printing.label_helpers import crop, pages_at_203, read, read_only_folder
from tests.services._support import refuse

RICE, TOOTHPASTE = "6901234567892", "6920000000012"


@pytest.fixture
def read_only(tmp_path, monkeypatch):
    return read_only_folder(tmp_path, monkeypatch)


def reprice(ctx, code: str, price: int, at: str) -> None:
    """A manager's price change as the catalogue records it: the price and its history row."""
    product = products.resolve(ctx, code)
    with ctx.db.write() as conn:
        conn.execute("UPDATE product SET price = ? WHERE id = ?", (price * 100, product.id))
        conn.execute("INSERT INTO price_change (id, product_id, old_price, new_price, at)"
                     " VALUES (?, ?, ?, ?, ?)", (new_id(), product.id, product.price.hundredths,
                                                 price * 100, at))


def retire(ctx, code: str) -> None:
    with ctx.db.write() as conn:
        conn.execute("UPDATE product SET active = 0 WHERE code = ?", (code,))


def test_named_goods_with_copies_become_that_many_labels(volunteer):
    chosen = labels.choose(volunteer, [f"{RICE}x3", "香皂"], copies=2)
    assert [(line.name, line.copies) for line in chosen] == [("大米 5kg", 3), ("香皂", 2)]
    tags = labels.tags(volunteer, chosen)
    assert len(tags) == 5
    assert (tags[0].price, tags[0].currency, tags[0].unit) == ("50", "美德积分", "件")
    assert tags[3].price == "5.5"


def test_all_goods_on_sale_leaves_out_retired_ones(shop):
    retire(shop, TOOTHPASTE)
    names = [line.name for line in labels.choose(shop, all_goods=True)]
    assert sorted(names) == ["大米 5kg", "香皂"]


def test_goods_of_a_category(shop):
    products.add_product(shop, name="菜籽油 5L", price=85, category="粮油", unit="桶")
    assert [line.name for line in labels.choose(shop, category="粮油")] == ["菜籽油 5L"]
    assert labels.categories(shop) == ["日用", "粮油"]


def test_goods_repriced_since_a_day(shop):
    reprice(shop, RICE, 55, "2026-10-20 10:00:00")
    reprice(shop, TOOTHPASTE, 6, "2026-11-02 16:30:00")
    chosen = labels.choose(shop, changed_since="2026-11-01")
    assert [(line.name, line.price) for line in chosen] == [("牙膏", Points.parse(6))]
    assert {line.name for line in labels.choose(shop, changed_since="2026-10-01")} == {"大米 5kg", "牙膏"}
    refuse(shop.db, "labels_none_changed", labels.choose, shop, changed_since="2026-11-03")


def test_a_volunteer_saves_a_pdf_whose_labels_scan(volunteer, tmp_path):
    chosen = labels.choose(volunteer, [RICE, "香皂"], copies=3)
    before = fingerprint(volunteer.db)
    done = labels.save_pdf(volunteer, chosen, "4x10", 38, tmp_path / "价签.pdf")
    assert (done.labels, done.pages, done.skip) == (6, 2, 38)
    assert fingerprint(volunteer.db) == before        # printing labels changes nothing
    first, second = pages_at_203(done.path.read_bytes(), tmp_path)
    sheet = labels.sheet_for("4x10")
    assert read(crop(first, sheet.slot(38))) == [RICE]
    assert read(crop(second, sheet.slot(3))) == [products.resolve(volunteer, "香皂").code]


def test_the_self_service_screen_may_not_print_labels(shop, tmp_path):
    screen = shop.as_actor(SELFSERVICE)
    exc = refuse(shop.db, "labels_not_allowed", labels.choose, screen, [RICE])
    assert "不能打印价签" in exc.message("zh")
    line = labels.choose(shop, [RICE])
    refuse(shop.db, "labels_not_allowed", labels.save_pdf, screen, line, "3x8", 0, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_an_unknown_product_is_named(shop):
    unknown = "690123456790" + check_digit("690123456790")
    exc = refuse(shop.db, "product_unknown", labels.choose, shop, [RICE, f"{unknown}x2"])
    assert unknown in exc.message("zh")
    exc = refuse(shop.db, "barcode_bad_check_digit", labels.choose, shop, ["6901234567890"])
    assert "6901234567890" in exc.message("zh")
    exc = refuse(shop.db, "product_unknown", labels.choose, shop, ["酸菜鱼"])
    assert "酸菜鱼" in exc.message("zh")


def test_a_retired_product_gets_no_new_label(shop):
    retire(shop, TOOTHPASTE)
    exc = refuse(shop.db, "product_retired", labels.choose, shop, [TOOTHPASTE])
    assert "牙膏" in exc.message("zh")


@pytest.mark.parametrize("copies", [0, "0", 1001, "-1", "abc", "2.5", "", "9" * 5000, "１２"])
def test_copies_must_be_1_to_1000(shop, copies):
    exc = refuse(shop.db, "labels_copies_bad", labels.choose, shop, [RICE], copies=copies)
    assert "1 到 1000" in exc.message("zh")
    refuse(shop.db, "labels_copies_bad", labels.choose, shop, all_goods=True, copies=copies)


def test_copies_in_the_item_are_checked_too(shop):
    refuse(shop.db, "labels_copies_bad", labels.choose, shop, [f"{RICE}x0"])
    refuse(shop.db, "labels_copies_bad", labels.choose, shop, [f"{RICE}x5000"])
    assert labels.choose(shop, [f"{RICE}x1000"])[0].copies == 1000


@pytest.mark.parametrize(("sheet", "skip"), [("3x8", 24), ("4x10", 40), ("40x30", 1), ("3x8", -1),
                                             ("3x8", "two")])
def test_skipping_beyond_the_sheet_is_refused(shop, tmp_path, sheet, skip):
    chosen = labels.choose(shop, [RICE])
    exc = refuse(shop.db, "labels_skip_bad", labels.save_pdf, shop, chosen, sheet, skip, tmp_path / "x.pdf")
    per_sheet = labels.sheet_for(sheet).per_page
    assert f"每张只有 {per_sheet} 个位置" in exc.message("zh")
    assert not (tmp_path / "x.pdf").exists()


def test_more_labels_than_one_pdf_should_hold_is_refused(shop, tmp_path):
    lines = [labels.LabelLine(f"2{n:011d}", "香皂", Points.parse(5), "块", "日用", 1000) for n in range(21)]
    exc = refuse(shop.db, "labels_too_many", labels.save_pdf, shop, lines, "3x8", 0, tmp_path / "x.pdf")
    assert "21000" in exc.message("zh") and not (tmp_path / "x.pdf").exists()


def test_nothing_chosen_is_refused(shop, tmp_path):
    assert labels.choose(shop, []) == []
    exc = refuse(shop.db, "labels_nothing_chosen", labels.save_pdf, shop, [], "3x8", 0, tmp_path / "x.pdf")
    assert "还没有选" in exc.message("zh")
    assert not (tmp_path / "x.pdf").exists()


def test_an_unknown_category_lists_the_known_ones(shop):
    exc = refuse(shop.db, "labels_category_unknown", labels.choose, shop, category="饮料")
    assert "饮料" in exc.message("zh") and "日用" in exc.message("zh")


def test_a_bad_or_future_date_is_refused(shop):
    refuse(shop.db, "date_bad", labels.choose, shop, changed_since="上个月")
    refuse(shop.db, "date_future", labels.choose, shop, changed_since="2027-01-01")


def test_a_read_only_folder_is_refused_and_leaves_no_file(shop, read_only):
    chosen = labels.choose(shop, [RICE])
    exc = refuse(shop.db, "labels_read_only", labels.save_pdf, shop, chosen, "3x8", 0, read_only / "价签.pdf")
    assert "写不进去" in exc.message("zh") and "没有留下半截文件" in exc.message("zh")
    assert list(read_only.iterdir()) == []


def test_a_full_disk_leaves_no_partial_file(shop, tmp_path, monkeypatch):
    def full(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    chosen = labels.choose(shop, [RICE])
    usb = tmp_path / "usb"
    usb.mkdir()
    exc = refuse(shop.db, "labels_disk_full", labels.save_pdf, shop, chosen, "3x8", 0, usb / "x.pdf")
    assert "满了" in exc.message("zh")
    assert list(usb.iterdir()) == []


def test_a_folder_as_the_target_is_refused(shop, tmp_path):
    chosen = labels.choose(shop, [RICE])
    exc = refuse(shop.db, "labels_target_folder", labels.save_pdf, shop, chosen, "3x8", 0, tmp_path)
    assert "文件夹" in exc.message("zh")


def test_an_old_file_is_replaced_whole(shop, tmp_path):
    target = tmp_path / "usb" / "价签.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    labels.save_pdf(shop, labels.choose(shop, [RICE]), "40x30", 0, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in target.parent.iterdir()] == ["价签.pdf"]
