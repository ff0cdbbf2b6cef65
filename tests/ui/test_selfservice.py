"""The residents' touchscreen: card and touch lookup, PIN on and off, idle return, elder mode."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.services.people import operators
from kiosk.services.setup import settings
from kiosk.ui.app import selfservice_window
from kiosk.ui.tasks import ImmediateRunner
from tests.conftest import give
from tests.ui.conftest import Ticks, scan


@pytest.fixture
def screen(qtbot, shop, db_path):
    give(shop, "JF000001", 12)                       # 王小明's household: 60 points
    window = selfservice_window(db_path, runner=ImmediateRunner(), clock=shop.clock)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    window.scanner.clock = Ticks(0.004)
    yield window
    window.close()
    window.session.db.close()


def tap(qtbot, parent, name: str) -> None:
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _rows(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_the_touchscreen_cannot_write(screen):
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        screen.session.db.execute("UPDATE balance SET hundredths = 999999")


def test_card_scan_shows_the_household_balance_and_details(qtbot, screen):
    scan(qtbot, screen, "JF000001")
    assert screen.pages.currentWidget() is screen.resident
    assert screen.resident.balance.text() == "60 分"
    assert screen.resident.tabs.isVisible()
    history = _rows(screen.resident.lists["history"])
    assert any("环境清扫" in row and "+5 分" in row for row in history)
    assert any("大米 5kg" in row for row in _rows(screen.resident.lists["goods"]))


def test_unknown_card_says_so_on_the_home_screen(qtbot, screen):
    scan(qtbot, screen, "JF999999")
    assert screen.pages.currentWidget() is screen.home and "不认识" in screen.home.message.text()
    assert "JF999999" in screen.home.message.text()     # which card, so the volunteer can look


@pytest.mark.parametrize("code", ["6901234567892", "261205-01-0001", "261205010001"])
def test_goods_or_a_receipt_under_the_scanner_is_not_called_an_unknown_card(qtbot, screen, code):
    scan(qtbot, screen, code)
    said = screen.home.message.text()
    assert screen.pages.currentWidget() is screen.home
    assert "这是商品或小票上的条码，不是积分卡" in said and "请扫您的积分卡" in said
    assert "这张卡" not in said


def test_touch_lookup_by_initials(qtbot, screen):
    tap(qtbot, screen.home, "home_initials")
    for key in "WXM":
        tap(qtbot, screen.finder.letters, f"key_{key}")
    screen.finder.search()                           # what the pause after a touch does
    rows = _rows(screen.finder.results)
    assert any("王小明" in r for r in rows) and any("王晓明" in r for r in rows)
    item = next(screen.finder.results.item(i) for i in range(len(rows)) if "王小明" in rows[i])
    rect = screen.finder.results.visualItemRect(item)
    qtbot.mouseClick(screen.finder.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.pages.currentWidget() is screen.resident and screen.resident.balance.text() == "60 分"


def test_touch_lookup_by_house_number(qtbot, screen):
    tap(qtbot, screen.home, "home_house")
    for key in ("5", "组", "1"):
        tap(qtbot, screen.finder.house, f"key_{key}")
    screen.finder.search()
    assert any("王晓明" in r and "5组1号" in r for r in _rows(screen.finder.results))


def test_with_a_pin_only_the_household_and_balance_show_until_it_is_typed(qtbot, screen, shop):
    settings.change(shop, {"selfservice.pin_required": "1"})
    shop.db.execute("UPDATE resident SET pin_hash = ? WHERE card_code = 'JF000001'",
                    (operators.hash_pin("1357"),))
    scan(qtbot, screen, "JF000001")
    page = screen.resident
    assert page.balance.text() == "60 分" and "3组12号" in page.name.text()
    assert not page.tabs.isVisible() and page.pin_pad.isVisible()
    for digit in "0000":
        page.pin_pad.press(digit)
    page.pin_pad._submit()
    assert "密码不对" in page.pin_prompt.text() and not page.tabs.isVisible()
    for digit in "1357":
        page.pin_pad.press(digit)
    page.pin_pad._submit()
    assert page.tabs.isVisible() and not page.pin_pad.isVisible()


def test_idle_return_counts_down_and_clears_the_resident(qtbot, screen):
    scan(qtbot, screen, "JF000001")
    assert "30 秒后回到首页" in screen.countdown.text()
    for _ in range(29):
        screen._tick()
    assert screen.pages.currentWidget() is screen.resident and "1 秒" in screen.countdown.text()
    screen._tick()
    assert screen.pages.currentWidget() is screen.home
    assert screen.resident.balance.text() == "" and _rows(screen.resident.lists["history"]) == []


def test_a_touch_restarts_the_countdown(qtbot, screen):
    scan(qtbot, screen, "JF000001")
    for _ in range(20):
        screen._tick()
    qtbot.mouseClick(screen.resident.tabs, Qt.MouseButton.LeftButton)
    assert "30 秒" in screen.countdown.text()


def _smallest_target(screen) -> int:
    screen.find("initials")
    buttons = screen.finder.findChildren(QPushButton) + screen.findChildren(QPushButton, "elder_mode")
    return min(b.sizeHint().height() for b in buttons if b.isVisible())


def test_elder_mode_makes_every_touch_target_at_least_15_mm(qtbot, screen):
    normal = _smallest_target(screen)
    tap(qtbot, screen, "elder_mode")
    elder = _smallest_target(screen)
    # 15 mm on a 1080p touchscreen of 21.5" (102 dpi) up to 15.6" (141 dpi): 60–83 px
    assert elder >= 15 * 141 / 25.4 and elder > normal
    tap(qtbot, screen, "elder_mode")
    assert not screen.elder and _smallest_target(screen) == normal


def test_notice_board_without_logging_in(qtbot, screen):
    tap(qtbot, screen.home, "home_notices")
    ranking = _rows(screen.notices.lists["ranking"])
    assert ranking and ranking[0].startswith("1. ")


@pytest.mark.parametrize("elder", [False, True])
def test_the_lists_scroll_bars_are_wide_enough_for_a_finger(qtbot, screen, elder):
    from PySide6.QtWidgets import QAbstractScrollArea

    screen.set_elder(elder)
    scan(qtbot, screen, "JF000001")
    lists = screen.resident.findChildren(QAbstractScrollArea)
    assert lists
    widths = {area.objectName() or type(area).__name__: area.verticalScrollBar().sizeHint().width()
              for area in lists}
    assert min(widths.values()) >= 30, widths        # Qt's own bar is about 12 px: an old finger misses it
