"""Weighed goods at the counter: scanning them asks for the weight; points shown exact."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.services.shop import limits, products, weighed_goods
from kiosk.services.stock import movements as stock
from kiosk.ui.counter.weight_dialog import WeightDialog
from tests.conftest import give
from tests.ui.conftest import log_in, scan


@pytest.fixture
def eggs(shop):
    product = products.add_product(shop, name="散装鸡蛋", price="6.33", unit="斤")
    weighed_goods.set_step(shop, product.code, "0.1")
    stock.receive(shop, product.code, "12.5")
    return products.resolve(shop, product.code)


def test_the_weight_dialog_says_what_is_wrong_and_what_it_costs(qtbot, eggs):
    dialog = WeightDialog(eggs)
    qtbot.addWidget(dialog)
    dialog.weight.setText("1.55")
    assert "小数位太多" in dialog.note.text()
    dialog.take()
    assert dialog.steps is None and dialog.result() != WeightDialog.DialogCode.Accepted
    dialog.weight.setText("1.5")
    assert dialog.note.text() == "1.5斤，9.5 分"
    qtbot.keyClick(dialog.weight, Qt.Key.Key_Return)
    assert dialog.steps == 15 and dialog.result() == WeightDialog.DialogCode.Accepted


def test_scanning_a_weighed_item_takes_the_typed_weight(qtbot, counter, shop, eggs, monkeypatch):
    asked = []
    monkeypatch.setattr(WeightDialog, "ask", classmethod(lambda cls, p, parent=None: asked.append(p.name) or 15))
    give(shop, "JF000001", 2)
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")
    scan(qtbot, counter, eggs.code)
    page = counter.exchange
    assert asked == ["散装鸡蛋"]
    assert [(line.shown_qty, str(line.amount)) for line in page.cart.lines] == [("1.5", "9.5")]
    assert page.cart_panel.model.data(page.cart_panel.model.index(0, 2)) == "1.5"
    qtbot.keyClick(page, Qt.Key.Key_F12)
    assert shop.db.scalar("SELECT qty FROM sale_line") == 15
    assert products.resolve(shop, eggs.code).shown_stock == "11"


def test_cancelling_the_weight_adds_nothing(qtbot, counter, shop, eggs, monkeypatch):
    monkeypatch.setattr(WeightDialog, "ask", classmethod(lambda cls, p, parent=None: None))
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, eggs.code)
    assert counter.exchange.cart.lines == []


def test_more_than_is_on_the_shelf_is_said_before_the_cart(qtbot, counter, shop, eggs, monkeypatch):
    monkeypatch.setattr(WeightDialog, "ask", classmethod(lambda cls, p, parent=None: 126))
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, eggs.code)
    assert counter.exchange.cart.lines == []
    assert "只有 12.5斤" in counter.exchange.feedback.text()


def test_a_limited_item_says_how_many_are_left_and_stops_at_the_limit(qtbot, counter, shop):
    limits.set_limit(shop, "6920000000012", "2", "month")           # 牙膏: 2 per household a month
    give(shop, "JF000001", 4)
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")
    page = counter.exchange
    scan(qtbot, counter, "6920000000012")
    assert "每户每月限换 2" in page.feedback.text() and "还能换 1" in page.feedback.text()
    scan(qtbot, counter, "6920000000012")
    assert "本月已换满" in page.feedback.text()
    scan(qtbot, counter, "6920000000012")
    assert page.cart.lines[0].qty == 2 and page.feedback.kind == "bad"
    assert "本月已换满" in page.feedback.text()
