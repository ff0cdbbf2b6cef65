"""Goods from Excel or CSV: a preview names every bad row, and nothing is written unless all are good."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from kiosk.core.points import Points
from kiosk.services.setup import imports
from kiosk.services.shop import catalogue_export, products
from kiosk.services.spreadsheets import MAX_ROWS
from tests.conftest import fingerprint
from tests.services._support import assert_english, refuse

HEADER = ["名称", "积分", "条码", "分类", "单位", "预警数量"]
GOOD = [["洗衣液 2kg", 20, "6902088005073", "洗护用品", "桶", 5],
        ["玉米油 5L", 85, 6948195005797, "粮油副食", "桶", 3],
        ["土鸡蛋（散装）", 0.5, None, "粮油副食", "个", None]]


@pytest.fixture(autouse=True)
def _categories(shop):
    """The shop's own categories, which a list must use (日用 is there already)."""
    from kiosk.store import goods as store
    with shop.db.write() as conn:
        for sort, name in enumerate(("洗护用品", "粮油副食"), start=10):
            store.insert_category(conn, id=f"cat-{sort}", name=name, sort=sort)


def _xlsx(path, rows, header=HEADER, before=()):
    book = Workbook()
    sheet = book.active
    for row in (*before, header, *rows):
        sheet.append(list(row))
    book.save(path)
    return path


def _names(ctx) -> set[str]:
    return {p.name for p in products.list_products(ctx, include_retired=True)}


def test_an_excel_list_goes_in_whole(shop, tmp_path):
    path = _xlsx(tmp_path / "商品.xlsx", GOOD)
    preview = imports.preview_products(shop, path)
    assert preview.ok and [r.number for r in preview.rows] == [2, 3, 4]
    assert [r.code for r in preview.rows][:2] == ["6902088005073", "6948195005797"]
    assert imports.import_products(shop, path) == 3
    oil = products.resolve(shop, "6948195005797")
    assert (oil.price, oil.unit, oil.category, oil.reorder_level) == (Points.parse(85), "桶", "粮油副食", 3)
    assert products.resolve(shop, "土鸡蛋（散装）").price == Points.parse("0.5")


def test_a_preview_writes_nothing(shop, tmp_path):
    path = _xlsx(tmp_path / "商品.xlsx", GOOD)
    before = fingerprint(shop.db)
    assert imports.preview_products(shop, path).ok
    assert fingerprint(shop.db) == before


def test_an_import_with_errors_writes_nothing_and_names_every_bad_row(shop, tmp_path):
    rows = [GOOD[0], ["肥皂", -3, "", "", "块", ""], ["牙刷", 3, "6920000000013", "", "支", ""],
            GOOD[1], ["牙膏", 6, "", "", "支", ""]]
    path = _xlsx(tmp_path / "有错.xlsx", rows)
    preview = imports.preview_products(shop, path)
    assert [r.number for r in preview.errors] == [3, 4, 6]
    assert "必须大于 0" in preview.errors[0].error and "校验位" in preview.errors[1].error
    assert "已经有一种商品叫“牙膏”（条码 6920000000012）" in preview.errors[2].error
    exc = refuse(shop.db, "csv_rows", imports.import_products, shop, path)
    text = exc.message("zh")
    assert "3 行出错" in text and "第 3 行" in text and "第 6 行" in text and "第 2 行" not in text
    assert_english(exc)


def test_the_same_barcode_twice_in_one_file(shop, tmp_path):
    rows = [GOOD[0], GOOD[1], ["洗衣液 3kg", 28, "6902088005073", "", "桶", ""]]
    preview = imports.preview_products(shop, _xlsx(tmp_path / "重复.xlsx", rows))
    [bad] = preview.errors
    assert bad.number == 4 and "和第 2 行的重复" in bad.error
    refuse(shop.db, "csv_rows", imports.import_products, shop, tmp_path / "重复.xlsx")


def test_blank_rows_are_skipped_and_rows_keep_their_excel_numbers(shop, tmp_path):
    rows = [GOOD[0], [None] * 6, [None] * 6, ["肥皂", "x", "", "", "", ""], GOOD[1]]
    preview = imports.preview_products(shop, _xlsx(tmp_path / "空行.xlsx", rows))
    assert [r.number for r in preview.rows] == [2, 5, 6]
    assert [r.number for r in preview.errors] == [5]


def test_a_title_row_above_the_header_is_skipped(shop, tmp_path):
    path = tmp_path / "带标题.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["青石村积分超市商品表"])
    sheet.merge_cells("A1:F1")
    for row in (HEADER, GOOD[0]):
        sheet.append(row)
    book.save(path)
    assert imports.import_products(shop, path) == 1
    assert "洗衣液 2kg" in _names(shop)


def test_merged_header_cells_are_refused(shop, tmp_path):
    path = tmp_path / "合并表头.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["名称", "积分", "条码", None, "单位"])
    sheet.merge_cells("C1:D1")
    sheet.append(GOOD[0][:5])
    book.save(path)
    exc = refuse(shop.db, "import_merged_header", imports.preview_products, shop, path)
    assert "合并的单元格（C1:D1）" in exc.message("zh")
    refuse(shop.db, "import_merged_header", imports.import_products, shop, path)
    assert_english(exc)


def test_merged_cells_in_a_row_and_formulas_are_row_errors(shop, tmp_path):
    path = tmp_path / "公式.xlsx"
    book = Workbook()
    sheet = book.active
    for row in (HEADER, GOOD[0], ["玉米油 5L", "=B2*4", "6948195005797", "", "桶", ""],
                ["菜籽油", 75, "", "粮油副食", "桶", ""], [None, 75, "", "", "桶", ""]):
        sheet.append(row)
    sheet.merge_cells("A4:A5")
    book.save(path)
    preview = imports.preview_products(shop, path)
    assert [r.number for r in preview.errors] == [3, 4, 5]
    assert "“积分”一格是公式（=B2*4）" in preview.errors[0].error
    assert "合并的单元格（A4:A5）" in preview.errors[1].error
    refuse(shop.db, "csv_rows", imports.import_products, shop, path)


@pytest.mark.parametrize(("name", "content", "code", "words"), [
    ("商品.xlsx", "名称,积分\n洗衣液,20\n".encode(), "import_not_xlsx", "不是 Excel 表格"),
    ("商品.xlsx", None, "import_not_xlsx", "不是 Excel 表格"),
    ("商品.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "import_old_xls", "旧版 Excel"),
    ("商品.csv", "名称,积分\n洗衣液,20\n".encode("utf-16"), "csv_encoding", "编码"),
    ("商品.csv", b"", "csv_empty", "没有数据行"),
    ("商品.csv", "名称,单位\n洗衣液,桶\n".encode(), "csv_columns", "积分"),
])
def test_files_that_are_not_a_goods_list(shop, tmp_path, name, content, code, words):
    path = tmp_path / name
    if content is None:                        # a zip, but a Word document rather than a workbook
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
    else:
        path.write_bytes(content)
    exc = refuse(shop.db, code, imports.preview_products, shop, path)
    assert words in exc.message("zh")
    refuse(shop.db, code, imports.import_products, shop, path)


def test_20000_rows_are_refused_plainly(shop, tmp_path):
    path = tmp_path / "全乡.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for n in range(20_000):
        sheet.append([f"商品{n}", 5, None, "", "件", ""])
    book.save(path)
    exc = refuse(shop.db, "import_too_many_rows", imports.preview_products, shop, path)
    assert f"最多导入 {MAX_ROWS} 行" in exc.message("zh")
    csv_path = tmp_path / "全乡.csv"
    csv_path.write_text("名称,积分\n" + "".join(f"商品{n},5\n" for n in range(20_000)), encoding="utf-8")
    refuse(shop.db, "import_too_many_rows", imports.import_products, shop, csv_path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_a_csv_list_in_utf8_with_bom_or_gbk(shop, tmp_path, encoding):
    path = tmp_path / "商品.csv"
    path.write_bytes("名称,积分,条码,拼音\n洗衣液 2kg,20,6902088005073,xyy\n".encode(encoding))
    assert imports.import_products(shop, path) == 1
    assert products.resolve(shop, "6902088005073").initials == "xyy"


def test_an_export_reads_back_into_another_shop(shop, tmp_path, db_path, clock):
    from kiosk.services.setup import create as setup

    for name in ("goods.xlsx", "goods.csv"):
        assert catalogue_export.export_products(shop, tmp_path / name) == 3
    sheet = load_workbook(tmp_path / "goods.xlsx").active
    assert [c.value for c in sheet[1]][:6] == ["条码", "名称", "拼音", "分类", "单位", "积分"]
    assert sheet["A2"].data_type == "s"                      # barcodes stay text, not 6.9E+12
    assert (tmp_path / "goods.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    other = setup.init_village(setup.create_database(tmp_path / "other.sqlite"), village="石桥村",
                               manager="陈静", pin="1357", clock=clock)
    assert imports.import_products(other, tmp_path / "goods.xlsx") == 3
    assert {(p.name, p.code, p.price) for p in products.list_products(other)} == \
        {(p.name, p.code, p.price) for p in products.list_products(shop)}


def test_the_resident_import_reads_excel_too(shop, tmp_path):
    path = _xlsx(tmp_path / "村民.xlsx", [["赵凤英", "2组3号"]], header=["姓名", "门牌号"])
    assert imports.preview_residents(shop, path).ok
    assert imports.import_residents(shop, path) == 1
