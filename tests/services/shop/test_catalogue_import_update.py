"""Export, change prices in Excel, import: rows with a known barcode update their product.

The fixture village has 大米 5kg (6901234567892, 50), 香皂 (in-store code, 5.5) and
牙膏 (6920000000012, 5), all in 日用.
"""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from kiosk.core.points import Points
from kiosk.services.setup import imports
from kiosk.services.shop import catalogue, catalogue_export, checkout, products, receipts
from tests.conftest import fingerprint, give
from tests.services._support import assert_english, refuse

RICE, PASTE = "6901234567892", "6920000000012"


def _exported(shop, path):
    catalogue_export.export_products(shop, path)
    return path


def _edit_cell(path, barcode: str, column: str, value) -> None:
    book = load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == barcode:
            row[header.index(column)].value = value
    book.save(path)


def _xlsx(path, rows, header=("条码", "名称", "积分", "分类")):
    book = Workbook()
    for row in (header, *rows):
        book.active.append(list(row))
    book.save(path)
    return path


def test_export_edit_a_price_import_keeps_history_and_old_receipts(shop, tmp_path):
    give(shop, "JF000001", 20)
    sale = checkout.redeem_items(shop, "JF000001", [RICE])
    path = _exported(shop, tmp_path / "goods.xlsx")
    _edit_cell(path, RICE, "积分", 55)

    before = fingerprint(shop.db)
    preview = imports.preview_products(shop, path)
    assert fingerprint(shop.db) == before
    assert preview.ok
    [changed] = [r for r in preview.rows if r.action == "update"]
    assert changed.code == RICE and changed.changes == "价格 50 → 55"
    assert [r.action for r in preview.rows].count("same") == 2
    assert "✎ 修改：价格 50 → 55" == imports.verdict(changed)
    assert imports.counts_text(preview) == "新增 0 种，修改 1 种，不变 2 种"

    done = imports.commit_products(shop, path)
    assert (done.count("add"), done.count("update"), done.count("same")) == (0, 1, 2)
    rice = catalogue.detail(shop, RICE)
    assert rice.product.price == Points.parse(55)
    assert [(p.old, p.new) for p in rice.prices] == [(Points.parse(50), Points.parse(55))]
    old = receipts.for_sale(shop, sale.receipt, copy=True)
    assert [(line.price, line.amount) for line in old.lines] == [(Points.parse(50), Points.parse(50))]
    assert old.total == Points.parse(50)


def test_an_unchanged_export_imports_as_nothing_changed(shop, tmp_path):
    path = _exported(shop, tmp_path / "goods.csv")
    before = fingerprint(shop.db)
    preview = imports.preview_products(shop, path)
    assert preview.ok and {r.action for r in preview.rows} == {"same"}
    imports.commit_products(shop, path)
    assert fingerprint(shop.db) == before


def test_a_row_updates_name_category_unit_and_adds_a_new_one(shop, tmp_path):
    path = _xlsx(tmp_path / "改.xlsx", [[RICE, "东北大米 5kg", 50, "日用"],
                                        ["6902088005073", "洗衣液 2kg", 20, "日用"]],
                 header=("条码", "名称", "积分", "分类"))
    preview = imports.preview_products(shop, path)
    assert [(r.action, r.changes) for r in preview.rows] == [
        ("update", "名称 大米 5kg → 东北大米 5kg"), ("add", "")]
    imports.commit_products(shop, path)
    rice = products.resolve(shop, RICE)
    assert (rice.name, rice.unit, rice.initials) == ("东北大米 5kg", "件", "dbdm5kg")


def test_columns_the_file_lacks_keep_the_products_values(shop, tmp_path):
    path = _xlsx(tmp_path / "价.xlsx", [[PASTE, "牙膏", 6]], header=("条码", "名称", "积分"))
    imports.commit_products(shop, path)
    paste = products.resolve(shop, PASTE)
    assert (paste.price, paste.category, paste.unit) == (Points.parse(6), "日用", "件")


def test_a_misspelt_category_is_refused_with_the_nearest(shop, tmp_path):
    path = _xlsx(tmp_path / "分类.xlsx", [[PASTE, "牙膏", 6, "日用品"],
                                          ["6902088005073", "洗衣液 2kg", 20, "粮油"]])
    before = fingerprint(shop.db)
    preview = imports.preview_products(shop, path)
    assert [r.error for r in preview.rows] == [
        "分类“日用品”不存在；最接近的是“日用”。请改成已有的分类（新的分类请先在商品里添加）。",
        "分类“粮油”不存在。已有的分类：日用。请改成其中一个（新的分类请先在商品里添加）。"]
    exc = refuse(shop.db, "csv_rows", imports.import_products, shop, path)
    assert_english(exc)
    assert fingerprint(shop.db) == before


def test_a_new_shop_s_first_list_brings_its_categories(shop, tmp_path, clock):
    from kiosk.services.setup import create as setup
    other = setup.init_village(setup.create_database(tmp_path / "new.sqlite"), village="石桥村",
                               manager="陈静", pin="1357", clock=clock)
    path = _xlsx(tmp_path / "新.xlsx", [["6902088005073", "洗衣液 2kg", 20, "洗护"],
                                        ["", "菜籽油", 75, "粮油"]])
    assert imports.import_products(other, path) == 2
    assert {p.category for p in products.list_products(other)} == {"洗护", "粮油"}


def test_a_rename_onto_another_products_name_is_refused(shop, tmp_path):
    path = _xlsx(tmp_path / "重名.xlsx", [[RICE, "牙膏", 50, "日用"]])
    [row] = imports.preview_products(shop, path).rows
    assert row.error == ("已经有一种商品叫“牙膏”（条码 6920000000012）。同名的商品在收银台和标签上分不清，"
                         "请换个名称，比如加上规格。")


def test_two_rows_adding_one_name_are_refused(shop, tmp_path):
    path = _xlsx(tmp_path / "重名.xlsx", [["", "冰糖 400g", 8, "日用"], ["", "冰糖 400g", 8, "日用"]])
    preview = imports.preview_products(shop, path)
    assert [r.number for r in preview.errors] == [3]
    assert "已经有一种商品叫“冰糖 400g”" in preview.errors[0].error


def test_adding_or_renaming_to_a_taken_name_is_refused(shop):
    products.add_product(shop, name="冰糖 400g", price=8)
    exc = refuse(shop.db, "product_name_taken", products.add_product, shop, name="冰糖 400g", price=8)
    assert "冰糖 400g" in exc.message("zh")
    assert_english(exc)
    form = catalogue.with_changes(catalogue.detail(shop, PASTE), name="冰糖 400g")
    refuse(shop.db, "product_name_taken", catalogue.edit, shop, PASTE, form)
    same = catalogue.with_changes(catalogue.detail(shop, PASTE), name="牙膏", price="6")
    assert catalogue.edit(shop, PASTE, same).changed == ("price",)


def test_a_picture_column_names_an_image_beside_the_list(shop, tmp_path):
    from PIL import Image
    Image.new("RGB", (64, 48), "red").save(tmp_path / "paste.png")
    path = _xlsx(tmp_path / "图.xlsx", [[PASTE, "牙膏", 5, "paste.png"]],
                 header=("条码", "名称", "积分", "图片"))
    [row] = imports.preview_products(shop, path).rows
    assert (row.action, row.changes) == ("update", "图片 — → 新图")
    imports.commit_products(shop, path)
    assert catalogue.detail(shop, PASTE).picture is not None
    assert {r.action for r in imports.preview_products(shop, path).rows} == {"same"}
