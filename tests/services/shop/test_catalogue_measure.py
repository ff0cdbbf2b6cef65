"""A product's step (计量步长) and purchase limit (限购) in the product form and the goods list.

The fixture village has 大米 5kg (6901234567892, 50, 20 in stock), 香皂 and 牙膏.
"""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from kiosk.services.setup import imports
from kiosk.services.shop import catalogue, catalogue_export, products
from kiosk.services.stock import movements as stock
from tests.conftest import fingerprint
from tests.services._support import refuse

RICE = "6901234567892"


def _new(shop, **measure):
    form = catalogue.ProductForm("散装黄豆", "4", "日用", "斤", **measure)
    return catalogue.create(shop, form)


def test_a_new_product_takes_its_step_and_limit_from_the_form(shop):
    made = _new(shop, step="0.1", limit="2.5", per="周")
    assert made.product.scale == 10 and (made.limit, made.per) == (25, "week")
    assert catalogue.fields_of(made)["limit"] == "2.5"
    stock.receive(shop, made.product.code, "1.5")
    assert products.resolve(shop, made.product.code).shown_stock == "1.5"


def test_a_wrong_step_or_limit_adds_nothing(shop):
    before = fingerprint(shop.db)
    refuse(shop.db, "qty_step_bad", _new, shop, step="0.5")
    refuse(shop.db, "qty_finer_than_step", _new, shop, step="0.1", limit="1.25")
    refuse(shop.db, "limit_period_unknown", _new, shop, limit="2", per="年")
    assert fingerprint(shop.db) == before


def test_editing_sets_and_lifts_a_limit_and_changes_the_step_before_any_stock(shop):
    made = _new(shop)
    edited = catalogue.edit(shop, made.product.code,
                            catalogue.with_changes(made, step="0.1", limit="1.5", per="月"))
    assert set(edited.changed) == {"step", "limit", "per"}
    assert (edited.detail.product.scale, edited.detail.limit, edited.detail.per) == (10, 15, "month")
    lifted = catalogue.edit(shop, made.product.code, catalogue.with_changes(edited.detail, limit="0"))
    assert lifted.changed == ("limit", "per") and lifted.detail.limit is None


def test_a_step_change_is_refused_once_the_product_has_moved(shop):
    current = catalogue.detail(shop, RICE)
    before = fingerprint(shop.db)
    exc = refuse(shop.db, "qty_step_has_moves", catalogue.edit, shop, RICE,
                 catalogue.with_changes(current, step="0.1", price="60"))
    assert "大米" in exc.message() and fingerprint(shop.db) == before
    limited = catalogue.edit(shop, RICE, catalogue.with_changes(current, limit="2"))
    assert limited.changed == ("limit", "per") and limited.detail.limit == 2


def test_export_writes_step_and_limit_and_import_reads_them_back(shop, tmp_path):
    made = _new(shop, step="0.1", limit="2.5", per="周")
    path = tmp_path / "goods.xlsx"
    catalogue_export.export_products(shop, path)
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    row = next([c.value for c in r] for r in sheet.iter_rows(min_row=2) if r[1].value == "散装黄豆")
    assert [row[header.index(k)] for k in ("计量步长", "限购", "限购周期")] == ["0.1", "2.5", "周"]
    preview = imports.preview_products(shop, path)
    assert preview.ok and {r.action for r in preview.rows} == {"same"}
    for r in sheet.iter_rows(min_row=2):
        if r[1].value == "散装黄豆":
            r[header.index("限购")].value = "3"
            r[header.index("限购周期")].value = "月"
    sheet.parent.save(path)
    [changed] = [r for r in imports.preview_products(shop, path).rows if r.action == "update"]
    assert "限购 2.5 → 3" in changed.changes
    imports.commit_products(shop, path)
    assert (catalogue.detail(shop, made.product.code).limit,
            catalogue.detail(shop, made.product.code).per) == (30, "month")


def test_an_imported_new_row_takes_step_and_limit(shop, tmp_path):
    book = Workbook()
    for row in (("名称", "积分", "单位", "计量步长", "限购", "限购周期"), ("散装绿豆", "6", "斤", "0.1", "2", "月")):
        book.active.append(list(row))
    path = tmp_path / "new.xlsx"
    book.save(path)
    done = imports.commit_products(shop, path)
    added = catalogue.detail(shop, done.rows[0].code)
    assert (added.product.scale, added.limit, added.per) == (10, 20, "month")


def test_a_file_without_the_limit_columns_keeps_the_products_limit(shop, tmp_path):
    made = _new(shop, limit="2", per="周")
    book = Workbook()
    for row in (("条码", "名称", "积分"), (made.product.code, "散装黄豆", "5")):
        book.active.append(list(row))
    path = tmp_path / "prices.xlsx"
    book.save(path)
    [row] = imports.commit_products(shop, path).rows
    assert row.changes == "价格 4 → 5"
    after = catalogue.detail(shop, made.product.code)
    assert (after.limit, after.per, after.product.price) == (2, "week", after.product.price)
