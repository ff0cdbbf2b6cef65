"""商品: the list scrolls through the whole catalogue, and an edit not saved is never lost
silently nor shown beside a stock figure that is no longer true."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from kiosk.core.catalogue_index import CatalogueIndex, Entry
from kiosk.core.points import Points
from kiosk.services.shop import products
from kiosk.services.stock import movements as stock
from kiosk.ui.manage import catalogue_table_model
from kiosk.ui.manage.catalogue_section import CatalogueSection
from kiosk.ui.manage.catalogue_table_model import PAGE, CatalogueTableModel
from tests.ui.test_catalogue_section import PASTE, RICE, click, open_goods

MANY = 5000


def _goods(count: int) -> list[Entry]:
    return [Entry(f"id{n:05d}", f"2{n:011d}", f"商品{n:05d}", f"sp{n:05d}", "日用", "件",
                  Points.parse(5), n % 40, True, False, (f"2{n:011d}",)) for n in range(count)]


def _scroll_to_the_end(qtbot, table) -> None:
    """As a manager drags the scroll bar down until nothing more comes."""
    model = table.model()
    while model.canFetchMore():
        before = model.rowCount()
        table.scrollToBottom()
        qtbot.waitUntil(lambda before=before: model.rowCount() > before, timeout=2000)   # the list grows


def test_five_thousand_goods_open_one_page_and_scroll_to_the_last(qtbot):
    from PySide6.QtWidgets import QTableView

    entries = _goods(MANY)
    model = CatalogueTableModel()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(600, 400)
    table.show()
    model.set_rows(CatalogueIndex(entries).find("", limit=MANY).entries)
    assert model.rowCount() == PAGE and len(model._texts) == PAGE   # only the first page is made
    _scroll_to_the_end(qtbot, table)
    assert model.rowCount() == MANY
    assert model.data(model.index(MANY - 1, 0)) == "商品04999"


def test_the_goods_list_lists_every_product_not_the_first_hundred(qtbot, counter, shop, monkeypatch):
    monkeypatch.setattr(catalogue_table_model, "PAGE", 2)   # three goods: a page and a bit
    section = open_goods(qtbot, counter)
    assert section.model.rowCount() == 2 and "共 3 件" in section.count.text()
    _scroll_to_the_end(qtbot, section.table)
    assert section.model.rowCount() == 3


def test_the_section_lists_five_thousand_goods_to_the_last(qtbot, counter, shop):
    section = open_goods(qtbot, counter)
    section.index = CatalogueIndex(_goods(MANY))       # as load() would hand it over
    section.refilter()
    assert "共 5000 件" in section.count.text() and section.model.rowCount() == PAGE
    _scroll_to_the_end(qtbot, section.table)
    assert section.model.rowCount() == MANY
    section.search.setText("商品049")                    # typing narrows it, still whole
    assert len(section.model.entries) == 100 and section.model.rowCount() == PAGE
    section.search.setText("sp0499")
    assert section.model.rowCount() == 10


def test_a_product_further_down_is_shown_and_selected_when_scanned(qtbot, counter, shop, monkeypatch):
    monkeypatch.setattr(catalogue_table_model, "PAGE", 1)
    section = open_goods(qtbot, counter)
    last = section.model.entries[-1]
    section.on_scan(last.code)
    row = section.model.row_of(last.id)
    assert section.model.rowCount() > row and section.table.selectionModel().isRowSelected(row)


def _edit_rice_price(qtbot, counter, price: str = "55"):
    section = open_goods(qtbot, counter)
    section.on_scan(RICE)
    section.form.fields["price"].setText(price)
    assert section.form.has_unsaved() and not section.form.unsaved.isHidden()
    return section


def _click_row_of(section, code: str) -> None:
    row = next(n for n, e in enumerate(section.model.entries) if e.code == code)
    section.table.clicked.emit(section.model.index(row, 0))


@pytest.fixture
def answers(monkeypatch):
    """The manager's answers to 还没保存, in order; the questions asked are kept."""
    asked, given = [], []

    def ask(cls, parent, name):
        asked.append(name)
        return given.pop(0)
    monkeypatch.setattr(CatalogueSection, "ask_unsaved", classmethod(ask))
    return asked, given


def test_another_product_with_an_edit_not_saved_asks_and_can_stay(qtbot, counter, shop, answers):
    asked, given = answers
    section = _edit_rice_price(qtbot, counter)
    given.append("stay")
    _click_row_of(section, PASTE)
    assert asked == ["大米 5kg"]
    assert section.form.detail.product.code == RICE and section.form.fields["price"].text() == "55"
    assert section.table.selectionModel().isRowSelected(section.model.row_of(section.form.detail.product.id))
    assert products.resolve(shop, RICE).price == Points.parse(50)


def test_letting_the_edit_go_opens_the_other_product(qtbot, counter, shop, answers):
    _asked, given = answers
    section = _edit_rice_price(qtbot, counter)
    given.append("discard")
    _click_row_of(section, PASTE)
    assert section.form.detail.product.code == PASTE and not section.form.has_unsaved()
    assert products.resolve(shop, RICE).price == Points.parse(50)


def test_saving_the_edit_then_opens_the_other_product(qtbot, counter, shop, answers):
    _asked, given = answers
    section = _edit_rice_price(qtbot, counter)
    given.append("save")
    _click_row_of(section, PASTE)
    assert products.resolve(shop, RICE).price == Points.parse(55)
    assert section.form.detail.product.code == PASTE and section.form.unsaved.isHidden()


def test_a_refused_save_stays_on_the_edit(qtbot, counter, shop, answers):
    _asked, given = answers
    section = _edit_rice_price(qtbot, counter, price="-3")
    given.append("save")
    _click_row_of(section, PASTE)
    assert section.form.detail.product.code == RICE and section.form.fields["price"].text() == "-3"
    assert section.feedback.kind == "bad"


def test_scanning_the_product_being_edited_keeps_the_edit(qtbot, counter, shop, answers):
    asked, _given = answers
    section = _edit_rice_price(qtbot, counter)
    section.on_scan(RICE)
    assert asked == [] and section.form.fields["price"].text() == "55"


def test_a_new_product_with_typing_asks_before_another_opens(qtbot, counter, shop, answers):
    asked, given = answers
    section = open_goods(qtbot, counter)
    click(qtbot, section.buttons["new"])
    section.form.fields["name"].setText("洗衣液")
    given.append("stay")
    _click_row_of(section, PASTE)
    assert asked == ["洗衣液"] and section.form.detail is None


def test_leaving_the_section_keeps_the_edit_marked_and_the_stock_read_again(qtbot, counter, shop, answers):
    asked, _given = answers
    section = _edit_rice_price(qtbot, counter)
    assert "库存 20" in section.form.state.text()
    click(qtbot, counter.manage.findChild(QPushButton, "section_receiving"))
    stock.receive(shop, RICE, 5)                                   # goods came in meanwhile
    click(qtbot, counter.manage.findChild(QPushButton, "section_catalogue"))
    assert asked == []
    assert section.form.fields["price"].text() == "55" and not section.form.unsaved.isHidden()
    assert "库存 25" in section.form.state.text()
    stock_column = section.model.text(section.model.row_of(section.form.detail.product.id), 3)
    assert stock_column.startswith("25")
    click(qtbot, section.form.save)
    assert products.resolve(shop, RICE).price == Points.parse(55) and section.form.unsaved.isHidden()


def test_a_clean_form_shows_the_stock_read_again(qtbot, counter, shop):
    section = open_goods(qtbot, counter)
    section.on_scan(RICE)
    click(qtbot, counter.manage.findChild(QPushButton, "section_receiving"))
    stock.receive(shop, RICE, 5)
    click(qtbot, counter.manage.findChild(QPushButton, "section_catalogue"))
    assert "库存 25" in section.form.state.text() and section.form.unsaved.isHidden()
