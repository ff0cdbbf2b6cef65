"""The back office's stock sections: 入库, 盘点, 损耗, 缺货提醒, and the counter's restock hint.

The fixture village has 大米 5kg (6901234567892) ×20, 香皂 ×30, 牙膏 (6920000000012) ×3.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from kiosk.services.shop import checkout, products
from kiosk.services.stock import movements as stock, stocktake, suppliers
from kiosk.store import goods as goods_store
from kiosk.ui.manage import stock_parts
from tests.conftest import MANAGER_PIN, fingerprint, give
from tests.ui.conftest import log_in, scan

RICE, PASTE = "6901234567892", "6920000000012"
SUPPLIER = "青石镇配送中心"


@pytest.fixture(autouse=True)
def supplier(shop) -> str:
    suppliers.add(shop, SUPPLIER, "乡镇配送", "镇供销社")
    return SUPPLIER


@pytest.fixture(autouse=True)
def opened(monkeypatch) -> list:
    """PDFs the sections would have opened in the viewer."""
    shown: list = []
    monkeypatch.setattr(stock_parts, "open_document", shown.append)
    return shown


def section(qtbot, counter, key: str):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    page = counter.open_manage(key)
    if key == "receiving":                            # the window asks where goods come from
        qtbot.waitUntil(lambda: page.source.findData(SUPPLIER) > 0)
        page.source.setCurrentIndex(page.source.findData(SUPPLIER))
    return page


def click(qtbot, widget, name: str) -> None:
    button = widget.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def on_hand(shop, item: str) -> int:
    return products.resolve(shop, item).stock


def books_agree(shop) -> None:
    assert goods_store.stock_mismatches(shop.db) == []


# --- 入库 -------------------------------------------------------------------------

def test_a_delivery_scanned_and_received_then_its_note_printed(qtbot, counter, shop, opened):
    page = section(qtbot, counter, "receiving")
    page.note_no.setText("XS-1103-017")
    page.qty.setText("10")
    scan(qtbot, counter, RICE)                        # the scanner: ten bags
    scan(qtbot, counter, PASTE)
    scan(qtbot, counter, PASTE)                       # scanned again: one more
    page.code.setText("香皂")
    qtbot.keyClick(page.code, Qt.Key.Key_Return)      # typed by name
    assert page.model.rows == [["大米 5kg", RICE, "件", "20", "10", ""], ["牙膏", PASTE, "件", "3", "2", ""],
                               ["香皂", products.resolve(shop, "香皂").code, "件", "30", "1", ""]]
    assert page.total.text() == "共 3 项 13 件"
    click(qtbot, page, "receiving_receive")
    assert (on_hand(shop, RICE), on_hand(shop, PASTE), on_hand(shop, "香皂")) == (30, 5, 31)
    assert "已入库：入库单 RK261103-01-001，3 项 13 件" in page.feedback.text()
    assert page.model.rows == [] and page.note_no.text() == ""
    click(qtbot, page, "receiving_print")
    assert opened == [page.saved] and page.saved.name == "RK261103-01-001.pdf"
    assert page.saved.read_bytes().startswith(b"%PDF")
    books_agree(shop)


def test_the_window_asks_where_the_goods_come_from_and_keeps_a_cost(qtbot, counter, shop):
    suppliers.add(shop, "惠民超市", "采购", "")
    page = section(qtbot, counter, "receiving")
    page.load()
    qtbot.waitUntil(lambda: page.source.findData("惠民超市") > 0)
    page.source.setCurrentIndex(0)                     # 请选择供货方或捐赠人
    page.on_scan(RICE)
    before = fingerprint(shop.db)
    click(qtbot, page, "receiving_receive")
    assert page.feedback.text().startswith("请说明这批货从哪里来")
    page.source.setCurrentIndex(page.source.findData("惠民超市"))
    click(qtbot, page, "receiving_receive")
    assert "要填进价" in page.feedback.text() and fingerprint(shop.db) == before
    page.cost.setText("31.5")
    page.on_scan(RICE)
    assert page.model.rows[0][4:] == ["2", "31.5"]
    click(qtbot, page, "receiving_receive")
    assert shop.db.scalar("SELECT unit_cost FROM stock_move WHERE kind = 'receive' ORDER BY rowid DESC") == 3150
    assert on_hand(shop, RICE) == 22


def test_the_suppliers_section_adds_changes_and_retires(qtbot, counter, shop):
    page = section(qtbot, counter, "suppliers")
    qtbot.waitUntil(lambda: page.model.rows == [[SUPPLIER, "乡镇配送", "镇供销社"]])
    page.name.setText("王大爷")
    page.kind.setCurrentIndex(page.kind.findData("爱心捐赠"))
    page.contact.setText("3组12号")
    click(qtbot, page, "suppliers_add")
    qtbot.waitUntil(lambda: len(page.model.rows) == 2)
    assert page.feedback.text() == "已添加：王大爷"
    page.name.setText("王大爷")
    click(qtbot, page, "suppliers_add")
    assert "已经有叫“王大爷”的供货方了" in page.feedback.text()
    row = [r[0] for r in page.model.rows].index("王大爷")
    page.table.clicked.emit(page.model.index(row, 0))
    page.contact.setText("3组12号 139")
    click(qtbot, page, "suppliers_save")
    assert suppliers.find(shop, "王大爷").contact == "3组12号 139"
    page.table.clicked.emit(page.model.index(row, 0))
    click(qtbot, page, "suppliers_retire")
    qtbot.waitUntil(lambda: len(page.model.rows) == 1)


def test_plus_minus_and_remove_change_the_selected_line(qtbot, counter, shop):
    page = section(qtbot, counter, "receiving")
    page.on_scan(RICE)
    page.on_scan(PASTE)
    page.table.selectRow(0)
    click(qtbot, page, "receiving_plus")
    assert page.model.column(4) == ["2", "1"]
    click(qtbot, page, "receiving_minus")
    click(qtbot, page, "receiving_minus")              # down to nothing: the line goes
    assert page.model.column(0) == ["牙膏"]
    click(qtbot, page, "receiving_remove")
    assert page.model.rows == [] and not page.buttons["receive"].isEnabled()


def test_an_unknown_item_or_a_zero_quantity_adds_no_line(qtbot, counter, shop):
    page = section(qtbot, counter, "receiving")
    page.on_scan("6900000000007")
    assert "不认识的条码 6900000000007" in page.feedback.text() and page.model.rows == []
    page.on_scan("16901234567899")                     # a carton code can never be registered
    assert "有 14 位数字，不是商品条码" in page.feedback.text() and page.model.rows == []
    page.code.setText("肥皂")
    qtbot.keyClick(page.code, Qt.Key.Key_Return)
    assert page.feedback.text() == "找不到商品“肥皂”。请核对条码或编号。"
    for qty, words in (("0", "数量“0”必须大于 0。"), ("-2", "数量“-2”必须大于 0。"), ("两", "数量“两”必须是整数。")):
        page.qty.setText(qty)
        page.on_scan(RICE)
        assert page.feedback.text() == words and page.model.rows == []


def test_a_refused_delivery_keeps_its_lines_and_changes_nothing(qtbot, counter, shop):
    page = section(qtbot, counter, "receiving")
    page.note_no.setText("XS-9")
    page.on_scan(RICE)
    click(qtbot, page, "receiving_receive")
    page.note_no.setText("XS-9")
    page.on_scan(PASTE)
    before = fingerprint(shop.db)
    click(qtbot, page, "receiving_receive")
    assert page.feedback.text().startswith("送货单 XS-9（乡镇配送）已经在 2026-11-03 入过库了")
    assert fingerprint(shop.db) == before and page.model.column(0) == ["牙膏"]


def test_the_delivery_date_cannot_be_set_in_the_future(qtbot, counter, shop):
    page = section(qtbot, counter, "receiving")
    page.day.setDate(QDate(2026, 11, 4))
    assert page.day.date() == QDate(2026, 11, 3)
    page.day.setDate(QDate(2026, 11, 1))
    page.on_scan(RICE)
    click(qtbot, page, "receiving_receive")
    assert shop.db.scalar("SELECT day FROM delivery") == "2026-11-01"


# --- 盘点 -------------------------------------------------------------------------

def count_item(qtbot, counter, page, code: str, qty: str) -> None:
    scan(qtbot, counter, code)
    assert page.qty.hasFocus()
    qtbot.keyClicks(page.qty, qty)
    qtbot.keyClick(page.qty, Qt.Key.Key_Return)


def test_a_stocktake_with_exchanges_before_and_after_counting(qtbot, counter, shop, volunteer, opened,
                                                              monkeypatch):
    give(shop, "JF000001", 40)                         # 200 points
    page = section(qtbot, counter, "stocktake")
    assert "没有进行中的盘点" in page.status.text() and not page.buttons["post"].isEnabled()
    click(qtbot, page, "count_start")
    assert "共 3 种，已盘 0 种" in page.status.text()
    click(qtbot, page, "count_sheet")
    assert opened == [page.saved] and page.saved.read_bytes().startswith(b"%PDF")
    checkout.redeem_items(volunteer, "JF000001", [f"{RICE}x2"])       # before rice is counted: 18
    count_item(qtbot, counter, page, RICE, "17")
    assert page.feedback.text() == "大米 5kg：实盘 17，账面 18，差异 -1"
    count_item(qtbot, counter, page, PASTE, "3")
    checkout.redeem_items(volunteer, "JF000001", [f"{RICE}x1", f"{PASTE}x1"])   # after counting
    click(qtbot, page, "count_counted_only")
    assert page.model.rows == [["大米 5kg", RICE, "件", "18", "17", "-1"], ["牙膏", PASTE, "件", "3", "3", "0"]]
    assert page.model.tints == ["bad", ""]
    asked = []
    monkeypatch.setattr(type(page), "ask", lambda self, question: asked.append(question) or True)
    click(qtbot, page, "count_post")
    assert "有 1 种的库存会按实盘调整" in asked[0]
    assert (on_hand(shop, RICE), on_hand(shop, PASTE), on_hand(shop, "香皂")) == (16, 2, 30)
    assert "盘点已过账：清点 2 种，调整了 1 种的库存" in page.feedback.text()
    assert page.buttons["start"].isEnabled() and stocktake.current(shop) is None
    books_agree(shop)


def test_a_count_entered_twice_is_refused_until_recount_is_chosen(qtbot, counter, shop):
    page = section(qtbot, counter, "stocktake")
    click(qtbot, page, "count_start")
    count_item(qtbot, counter, page, PASTE, "2")
    before = fingerprint(shop.db)
    count_item(qtbot, counter, page, PASTE, "1")
    assert page.feedback.text().startswith("“牙膏”已经录过数了（2件")
    assert fingerprint(shop.db) == before
    click(qtbot, page, "count_recount")
    click(qtbot, page, "count_enter")
    assert page.feedback.text() == "牙膏：实盘 1，账面 3，差异 -2" and not page.recount.isChecked()


def test_starting_a_second_count_or_posting_none_is_refused_plainly(qtbot, counter, shop, monkeypatch):
    page = section(qtbot, counter, "stocktake")
    stocktake.start(shop)                               # someone else started one meanwhile
    before = fingerprint(shop.db)
    click(qtbot, page, "count_start")
    assert page.feedback.text().startswith("已经有一次盘点在进行（刘建军")
    assert fingerprint(shop.db) == before
    page.load()
    stocktake.cancel(shop)                              # ... and cancelled it again
    monkeypatch.setattr(type(page), "ask", lambda self, question: True)
    before = fingerprint(shop.db)
    click(qtbot, page, "count_post")
    assert page.feedback.text() == "现在没有进行中的盘点。请先点“开始盘点”。"
    assert fingerprint(shop.db) == before


def test_a_count_may_be_cancelled(qtbot, counter, shop, monkeypatch):
    page = section(qtbot, counter, "stocktake")
    click(qtbot, page, "count_start")
    count_item(qtbot, counter, page, PASTE, "0")
    monkeypatch.setattr(type(page), "ask", lambda self, question: True)
    click(qtbot, page, "count_cancel")
    assert on_hand(shop, PASTE) == 3 and "已作废" in page.feedback.text()
    assert page.model.rows == []


# --- 损耗 and 缺货提醒 ---------------------------------------------------------------

def test_a_writeoff_and_one_of_more_than_is_on_hand(qtbot, counter, shop):
    page = section(qtbot, counter, "writeoff")
    scan(qtbot, counter, PASTE)
    assert page.chosen.text() == "牙膏（现有 3件）" and page.qty.hasFocus()
    page.qty.setText("5")
    page.reason.setText("找不到了")
    click(qtbot, page, "writeoff_why_lost")
    before = fingerprint(shop.db)
    click(qtbot, page, "writeoff_confirm")
    assert page.feedback.text() == "“牙膏”只有 3件，不能报损 5件。请核对数量。"
    assert fingerprint(shop.db) == before
    page.qty.setText("2")
    click(qtbot, page, "writeoff_confirm")
    assert on_hand(shop, PASTE) == 1 and "已登记损耗：牙膏，库存 3 → 1" in page.feedback.text()
    assert page.model.rows[0][1:5] == ["牙膏", "2件", "丢失", "找不到了"]
    books_agree(shop)


def test_the_low_stock_list(qtbot, counter, shop):
    oil = products.add_product(shop, name="玉米油 5L", price=85, reorder_level=4)
    stock.receive(shop, oil.code, 2)
    products.add_product(shop, name="酱油", price=8, reorder_level=2)
    page = section(qtbot, counter, "lowstock")
    assert page.model.rows == [["酱油", products.resolve(shop, "酱油").code, "0", "2", "件"],
                               ["玉米油 5L", oil.code, "2", "4", "件"]]
    assert page.model.tints == ["bad", ""]
    assert page.summary.text().startswith("2 种商品库存不多于预警数量，其中 1 种已经没货")


def test_the_low_stock_list_prints_and_exports_as_a_shopping_list(qtbot, counter, shop, opened,
                                                                 tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from kiosk.ui.manage.shopping_buttons import ShoppingButtons

    products.add_product(shop, name="酱油", price=8, reorder_level=2)
    page = section(qtbot, counter, "lowstock")
    click(qtbot, page, "lowstock_shopping_print")
    assert opened == [page.shopping.saved] and page.shopping.saved.read_bytes().startswith(b"%PDF")
    target = tmp_path / "采购.xlsx"
    monkeypatch.setattr(ShoppingButtons, "ask_path", classmethod(lambda cls, parent: str(target)))
    click(qtbot, page, "lowstock_shopping_export")
    assert page.summary.text() == f"采购单已存为 {target}"
    rows = list(load_workbook(target).active.values)
    assert rows[1][:3] == ("未记录供货方", products.resolve(shop, "酱油").code, "酱油")


def test_the_counter_quietly_says_when_a_sale_leaves_goods_running_low(qtbot, counter, shop):
    tea = products.add_product(shop, name="茶叶", price=10, reorder_level=2)
    stock.receive(shop, tea.code, 4)
    give(shop, "JF000001", 10)
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")
    for _ in range(2):
        scan(qtbot, counter, tea.code)
    scan(qtbot, counter, PASTE)
    scan(qtbot, counter, PASTE)
    scan(qtbot, counter, PASTE)                         # the whole shelf: 0 left
    qtbot.keyClick(counter.exchange, Qt.Key.Key_F12)
    text = counter.exchange.feedback.text()
    assert text.startswith("兑换成功")
    assert text.endswith("\n牙膏 已经没货了，请及时补货；茶叶 只剩 2 件，请及时补货")
    assert counter.exchange.feedback.kind == "ok"       # a hint, not an alarm


def test_no_hint_when_nothing_runs_low(qtbot, counter, shop):
    give(shop, "JF000001", 12)
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")
    scan(qtbot, counter, RICE)
    qtbot.keyClick(counter.exchange, Qt.Key.Key_F12)
    assert "\n" not in counter.exchange.feedback.text()


def _dated_milk(shop) -> str:
    from kiosk.services.stock import deliveries

    code = products.add_product(shop, name="鲜牛奶", price=3, unit="盒").code
    for qty, day in ((6, "2026-11-01"), (4, "2026-11-08"), (5, "2026-12-20")):    # today 11-03
        deliveries.receive_delivery(shop, [deliveries.Line(code, qty, best_before=day)], source="采购")
    return code


def test_the_low_stock_screen_lists_goods_near_their_date(qtbot, counter, shop):
    code = _dated_milk(shop)
    page = section(qtbot, counter, "lowstock")
    assert page.dates_model.rows == [["鲜牛奶", code, "6盒", "2026-11-01", "RK261103-01-001", "已过期"],
                                     ["鲜牛奶", code, "4盒", "2026-11-08", "RK261103-01-002", "临期"]]
    assert page.dates_model.tints == ["bad", ""]
    assert page.dates_summary.text().startswith("2 批商品快到保质期，其中 1 批已过期")


def test_a_manager_at_the_counter_hears_of_goods_near_their_date(qtbot, counter, shop):
    _dated_milk(shop)
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    assert "临期提醒：2 批商品快到保质期，其中 1 批已过期" in counter.exchange.feedback.text()


def test_a_volunteer_is_not_told_of_dates(qtbot, counter, shop):
    _dated_milk(shop)
    log_in(qtbot, counter, "张晓燕", "4826")
    assert "临期" not in counter.exchange.feedback.text()
