"""`kiosk labels` as a user types it: the PDF, its labels, and clear words for bad input."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.services.shop.labels import sheet_for
from tests.cli.test_cli_files import _fingerprint
from tests.printing.label_helpers import crop, pages_at_203, read, read_only_folder

RICE = "6901382002504"


@pytest.fixture
def read_only(tmp_path, monkeypatch):
    return read_only_folder(tmp_path, monkeypatch)


def _soap_code(kiosk) -> str:
    return kiosk("--json", "product", "show", "香皂").json()["code"]


def test_named_goods_with_copies_on_a_partly_used_sheet(kiosk, village, tmp_path):
    target = tmp_path / "价签.pdf"
    result = kiosk("--json", "labels", f"{RICE}x2", "香皂", "--sheet", "3x8", "--skip", "22",
                   "--pdf", str(target), *village)
    assert result.code == 0, result.err
    done = result.json()
    assert (done["labels"], done["pages"], done["skip"], done["sheet"]) == (3, 2, 22, "3x8")
    assert [(p["product"], p["price"], p["copies"]) for p in done["products"]] == [
        ("东北大米 5kg", "50", 2), ("香皂", "5.5", 1)]
    first, second = pages_at_203(target.read_bytes(), tmp_path)
    sheet = sheet_for("3x8")
    assert read(crop(first, sheet.slot(22))) == [RICE]
    assert read(crop(first, sheet.slot(23))) == [RICE]
    assert read(crop(second, sheet.slot(0))) == [_soap_code(kiosk)]


def test_plain_output_says_where_and_how_to_print(kiosk, village, tmp_path):
    result = kiosk("labels", "香皂", "--copies", "5", "--sheet", "4x10", "--pdf",
                   str(tmp_path / "a.pdf"), *village)
    assert result.code == 0, result.err
    assert "5 张价签" in result.out and "实际大小" in result.out


def test_all_goods_on_the_label_printer_one_a_page(kiosk, village, tmp_path):
    target = tmp_path / "roll.pdf"
    result = kiosk("--json", "labels", "--all", "--sheet", "40x30", "--pdf", str(target), *village)
    assert result.code == 0, result.err
    pages = pages_at_203(target.read_bytes(), tmp_path)
    assert sorted(code for page in pages for code in read(page)) == sorted([RICE, _soap_code(kiosk)])


def test_a_category_and_a_price_change(kiosk, village, tmp_path):
    result = kiosk("--json", "labels", "--category", "粮油副食", "--sheet", "3x8",
                   "--pdf", str(tmp_path / "c.pdf"), *village)
    assert [p["product"] for p in result.json()["products"]] == ["东北大米 5kg"]
    db = sqlite3.connect(tmp_path / "cli.sqlite")
    with db:
        db.execute("UPDATE product SET price = 600 WHERE name = '香皂'")
        db.execute("INSERT INTO price_change (id, product_id, old_price, new_price, at)"
                   " SELECT 'pc1', id, 550, 600, '2026-01-05 10:00:00' FROM product WHERE name = '香皂'")
    db.close()
    result = kiosk("--json", "labels", "--changed-since", "2026-01-01", "--sheet", "3x8",
                   "--pdf", str(tmp_path / "d.pdf"), *village)
    assert [(p["product"], p["price"]) for p in result.json()["products"]] == [("香皂", "6")]


def test_a_volunteer_may_print_labels(kiosk, village, tmp_path):
    assert kiosk("operator", "add", "张晓燕", "--role", "volunteer", "--new-pin", "4826", *village).code == 0
    result = kiosk("labels", RICE, "--sheet", "3x8", "--pdf", str(tmp_path / "v.pdf"),
                   "--operator", "张晓燕", "--pin", "4826")
    assert result.code == 0, result.err


def _refused(kiosk, tmp_path, *args) -> str:
    before = _fingerprint(tmp_path / "cli.sqlite")
    result = kiosk(*args)
    assert result.code == 1, result.out
    assert _fingerprint(tmp_path / "cli.sqlite") == before
    assert not (tmp_path / "x.pdf").exists()
    return result.err


BAD = [
    (["6901234567908"], "找不到商品“6901234567908”"),
    (["香皂", "酸菜鱼x2"], "找不到商品“酸菜鱼”"),
    (["香皂x0"], "价签张数“0”不对"),
    (["香皂", "--copies", "1001"], "价签张数“1001”不对"),
    (["香皂", "--skip", "24"], "每张只有 24 个位置，请填 0 到 23"),
    ([], "还没有选要打价签的商品"),
    (["--category", "饮料"], "没有叫“饮料”的商品分类"),
    (["--changed-since", "2026-13-01"], "日期“2026-13-01”不对"),
]


@pytest.mark.parametrize(("args", "words"), BAD, ids=[w[:12] for _, w in BAD])
def test_bad_input_is_refused_in_plain_words(kiosk, village, tmp_path, args, words):
    err = _refused(kiosk, tmp_path, "labels", *args, "--sheet", "3x8", "--pdf", str(tmp_path / "x.pdf"),
                   *village)
    assert words in err


def test_a_read_only_folder(kiosk, village, tmp_path, read_only):
    target = read_only / "价签.pdf"
    err = _refused(kiosk, tmp_path, "labels", "香皂", "--sheet", "3x8", "--pdf", str(target), *village)
    assert "写不进去" in err and "没有留下半截文件" in err
    assert list(read_only.iterdir()) == []


def test_an_unknown_sheet_is_a_usage_error(kiosk, village, tmp_path):
    result = kiosk("labels", "香皂", "--sheet", "5x13", "--pdf", str(tmp_path / "x.pdf"), *village)
    assert result.code == 2 and "5x13" in result.err


def test_a_wrong_pin_prints_nothing(kiosk, village, tmp_path):
    # (the wrong try itself is counted towards the PIN lock, so the books do change)
    result = kiosk("labels", "香皂", "--sheet", "3x8", "--pdf", str(tmp_path / "x.pdf"),
                   "--operator", "刘建军", "--pin", "0000")
    assert result.code == 1 and "密码不对" in result.err
    assert not (tmp_path / "x.pdf").exists()
