"""The back office's 商品 section, as a manager works it at the counter."""

from __future__ import annotations

from openpyxl import Workbook
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.core.points import Points
from kiosk.services.shop import checkout, products, receipts
from kiosk.ui.manage.catalogue_picture import Files
from tests.conftest import fingerprint, give
from tests.ui.conftest import log_in, scan

RICE = "6901234567892"
PASTE = "6920000000012"
NEW = "6902088005073"


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_goods(qtbot, counter):
    """The manager logs in, taps 管理, then 商品."""
    log_in(qtbot, counter, "刘建军", "2580")
    click(qtbot, counter.actions["manage"])
    click(qtbot, counter.manage.findChild(QPushButton, "section_catalogue"))
    section = counter.manage.built["catalogue"]
    assert counter.manage.stack.currentWidget() is section
    return section


def test_scan_a_new_barcode_fill_the_form_and_save(qtbot, counter, shop):
    section = open_goods(qtbot, counter)
    scan(qtbot, counter, NEW)
    form = section.form
    assert form.detail is None and form.new_code == NEW and NEW in form.code.text()
    form.fields["name"].setText("洗衣液 2kg")
    form.fields["category"].setCurrentText("洗护用品")
    form.fields["unit"].setCurrentText("桶")
    form.fields["price"].setText("20")
    click(qtbot, form.save)
    product = products.resolve(shop, NEW)
    assert (product.name, product.price, product.unit, product.initials) == \
        ("洗衣液 2kg", Points.parse(20), "桶", "xyy2kg")
    assert "已添加 洗衣液 2kg" in section.feedback.text()
    assert form.detail.product.id == product.id                  # the form now edits it
    assert "洗衣液 2kg" in [e.name for e in section.model.entries]


def test_edit_a_price_keeps_history_and_the_old_receipt(qtbot, counter, shop):
    give(shop, "JF000001", 12)
    sale = checkout.redeem_items(shop, "JF000001", [RICE])       # 大米 at 50
    section = open_goods(qtbot, counter)
    scan(qtbot, counter, RICE)
    assert section.form.detail.product.name == "大米 5kg"
    section.form.fields["price"].setText("55")
    click(qtbot, section.form.save)
    assert products.resolve(shop, RICE).price == Points.parse(55)
    assert "50 → 55  刘建军" in section.form.history.text()
    assert "改了价格" in section.feedback.text()
    [line] = receipts.for_sale(shop, sale.receipt).lines
    assert line.price == Points.parse(50)


def test_retire_a_product_and_it_leaves_the_counter_goods(qtbot, counter, shop):
    section = open_goods(qtbot, counter)
    assert PASTE in counter.exchange.goods.buttons
    scan(qtbot, counter, PASTE)
    click(qtbot, section.form.retire)
    assert not products.resolve(shop, PASTE).active
    assert "牙膏" not in [e.name for e in section.model.entries]
    section.show_retired.setChecked(True)
    assert "牙膏（已下架）" in [section.model.data(section.model.index(r, 0)) for r in range(section.model.rowCount())]
    click(qtbot, counter.manage.findChild(QPushButton, "manage_back"))
    assert counter.pages.currentWidget() is counter.exchange
    assert PASTE not in counter.exchange.goods.buttons and RICE in counter.exchange.goods.buttons


def test_typing_in_the_search_box_updates_the_list(qtbot, counter, shop):
    section = open_goods(qtbot, counter)
    assert len(section.model.entries) == 3
    qtbot.keyClicks(section.search, "xz")
    assert [e.name for e in section.model.entries] == ["香皂"]
    section.search.clear()
    qtbot.keyClicks(section.search, "6920")
    assert [e.name for e in section.model.entries] == ["牙膏"]
    section.search.setText("大米")
    assert [e.name for e in section.model.entries] == ["大米 5kg"] and "共 1 件" in section.count.text()
    section.table.clicked.emit(section.model.index(0, 0))
    assert section.form.detail.product.code == RICE


def test_a_wrong_price_is_refused_in_plain_words(qtbot, counter, shop):
    section = open_goods(qtbot, counter)
    scan(qtbot, counter, NEW)
    section.form.fields["name"].setText("洗衣液 2kg")
    before = fingerprint(shop.db)
    for price, words in (("-3", "必须大于 0"), ("0", "必须大于 0"), ("999999", "太高")):
        section.form.fields["price"].setText(price)
        click(qtbot, section.form.save)
        assert words in section.feedback.text() and section.feedback.kind == "bad"
    assert fingerprint(shop.db) == before


def test_a_bad_check_digit_scanned(qtbot, counter, shop):
    section = open_goods(qtbot, counter)
    scan(qtbot, counter, "6902088005074")
    assert "校验位不对" in section.feedback.text() and section.form.new_code is None


def test_a_scan_into_other_barcodes_adds_it_there(qtbot, counter, shop):
    section = open_goods(qtbot, counter)
    scan(qtbot, counter, RICE)
    section.form.fields["extra_barcodes"].setFocus()
    scan(qtbot, counter, NEW)
    assert section.form.fields["extra_barcodes"].text() == NEW
    click(qtbot, section.form.save)
    assert products.by_scan(shop, NEW).name == "大米 5kg"


def test_choose_a_picture_then_save(qtbot, counter, shop, tmp_path, monkeypatch):
    path = tmp_path / "大米.jpg"
    Image.new("RGB", (1600, 1200), "#e8d7a9").save(path)
    monkeypatch.setattr(Files, "open_picture", staticmethod(lambda parent: str(path)))
    section = open_goods(qtbot, counter)
    scan(qtbot, counter, RICE)
    click(qtbot, section.form.picture_box.choose)
    assert section.form.picture_box.has_picture() and section.form.picture.width == 512
    click(qtbot, section.form.save)
    assert "改了图片" in section.feedback.text()
    assert shop.db.scalar("SELECT width FROM product_picture") == 512


def test_a_file_that_is_not_a_picture(qtbot, counter, shop, tmp_path, monkeypatch):
    path = tmp_path / "商品.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    monkeypatch.setattr(Files, "open_picture", staticmethod(lambda parent: str(path)))
    section = open_goods(qtbot, counter)
    scan(qtbot, counter, RICE)
    before = fingerprint(shop.db)
    click(qtbot, section.form.picture_box.choose)
    assert "不是图片" in section.feedback.text() and section.form.picture is None
    click(qtbot, section.form.save)
    assert fingerprint(shop.db) == before


def _sheet(path, rows) -> str:
    book = Workbook()
    for row in (["名称", "积分", "条码"], *rows):
        book.active.append(row)
    book.save(path)
    return str(path)


def test_an_import_with_errors_writes_nothing(qtbot, counter, shop, tmp_path, monkeypatch):
    path = _sheet(tmp_path / "有错.xlsx", [["洗衣液 2kg", 20, NEW], ["肥皂", -3, None]])
    monkeypatch.setattr(Files, "open_table", staticmethod(lambda parent: path))
    section = open_goods(qtbot, counter)
    before = fingerprint(shop.db)
    click(qtbot, section.buttons["import"])
    dialog = section.files.dialog
    assert dialog.isVisible() and not dialog.confirm.isEnabled()
    assert "1 行有错" in dialog.summary.text() and dialog.table.item(0, 0).text() == "3"
    assert "必须大于 0" in dialog.table.item(0, 4).text()
    dialog.reject()
    assert fingerprint(shop.db) == before


def test_a_good_import_after_the_preview(qtbot, counter, shop, tmp_path, monkeypatch):
    path = _sheet(tmp_path / "商品.xlsx", [["洗衣液 2kg", 20, NEW], ["肥皂", 3, None]])
    monkeypatch.setattr(Files, "open_table", staticmethod(lambda parent: path))
    section = open_goods(qtbot, counter)
    click(qtbot, section.buttons["import"])
    click(qtbot, section.files.dialog.confirm)
    assert "已导入：新增 2 种，修改 0 种，不变 0 种" in section.feedback.text()
    assert {"洗衣液 2kg", "肥皂"} <= {e.name for e in section.model.entries}


def test_a_township_item_is_shown_read_only(qtbot, counter, shop):
    shop.db.execute("UPDATE product SET owner = 'township' WHERE code = ?", (RICE,))
    section = open_goods(qtbot, counter)
    scan(qtbot, counter, RICE)
    form = section.form
    assert "乡镇统一的商品" in form.state.text()
    assert not form.save.isEnabled() and not form.fields["price"].isEnabled()
    assert not form.retire.isVisible() and not form.picture_box.choose.isEnabled()


def test_export_the_list(qtbot, counter, shop, tmp_path, monkeypatch):
    target = tmp_path / "商品.xlsx"
    monkeypatch.setattr(Files, "save_table", staticmethod(lambda parent: str(target)))
    section = open_goods(qtbot, counter)
    click(qtbot, section.buttons["export"])
    assert target.exists() and "已导出 3 种商品" in section.feedback.text()


def test_the_list_model_is_a_proper_qt_model(qtmodeltester, shop):
    from kiosk.services.shop import catalogue, catalogue_search
    from kiosk.ui.manage.catalogue_table_model import CatalogueTableModel

    catalogue.set_active(shop, PASTE, False)
    model = CatalogueTableModel()
    model.set_rows(catalogue_search.search(shop, "", include_retired=True).entries)
    qtmodeltester.check(model)
    texts = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "牙膏（已下架）" in texts and model.data(model.index(0, 2)) in ("50", "5.5", "5")


def test_a_new_weighed_product_with_a_limit_from_the_form(qtbot, counter, shop):
    from kiosk.services.shop import catalogue
    section = open_goods(qtbot, counter)
    scan(qtbot, counter, NEW)
    form = section.form
    form.fields["name"].setText("散装黄豆")
    form.fields["unit"].setCurrentText("斤")
    form.fields["price"].setText("4")
    form.fields["step"].setCurrentText("0.1")
    form.fields["limit"].setText("2.5")
    form.fields["per"].setCurrentIndex(form.fields["per"].findData("week"))
    click(qtbot, form.save)
    saved = catalogue.detail(shop, NEW)
    assert (saved.product.scale, saved.limit, saved.per) == (10, 25, "week")
    assert form.fields["limit"].text() == "2.5" and not form.has_unsaved()
