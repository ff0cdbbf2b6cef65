"""With the program's own styles, what a finger must tap is big enough."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTabBar, QTabWidget, QToolButton, QWidget


def test_tabs_that_overflow_scroll_with_buttons_a_finger_can_tap(qtbot, themed):
    """The counter's goods categories at 1366×768 (粮油副食 … 农资) are more than their tab bar holds."""
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    for name in ("粮油副食", "日用百货", "洗护用品", "厨房用品", "学习用品", "农资", "电器", "其他"):
        tabs.addTab(QWidget(), name)
    tabs.resize(480, 300)
    tabs.show()
    QApplication.processEvents()
    arrows = [b for b in tabs.findChild(QTabBar).findChildren(QToolButton) if b.isVisible()]
    assert len(arrows) == 2
    assert all(b.width() >= 44 and b.height() >= 40 for b in arrows), [b.size() for b in arrows]


def test_lists_and_tables_scroll_with_a_bar_a_finger_can_hold(qtbot, themed):
    """The goods grid, the cart and the back office's tables: Qt's own bar is 14 px."""
    from PySide6.QtWidgets import QScrollArea, QTableView

    for area in (QScrollArea(), QTableView()):
        qtbot.addWidget(area)
        area.show()
        assert area.verticalScrollBar().sizeHint().width() >= 24
        assert area.horizontalScrollBar().sizeHint().height() >= 24


def test_a_balance_below_zero_shows_red_at_the_counter_and_on_the_touchscreen(qtbot, themed, counter, shop,
                                                                            db_path):
    """-20 分 in the same big blue as 60 分 reads as points to spend."""
    from kiosk.services.points import awards
    from kiosk.ui.app import selfservice_window
    from kiosk.ui.tasks import ImmediateRunner
    from tests.ui.conftest import log_in

    awards.award(shop, "JF000001", "kf_dubo")                  # 扣分 may take a balance below zero
    log_in(qtbot, counter, "张晓燕", "4826")
    counter.exchange.on_scan("JF000001")
    assert counter.exchange.residents.balance.property("role") == "big_owed"
    counter.exchange.on_scan("JF000003")                       # another household, not below zero
    assert counter.exchange.residents.balance.property("role") == "big"
    screen = selfservice_window(db_path, runner=ImmediateRunner(), clock=shop.clock)
    qtbot.addWidget(screen)
    screen.on_scan("JF000001")
    assert screen.resident.balance.text().startswith("-20") and screen.resident.balance.property("role") == "big_owed"
    screen.close()
    screen.session.db.close()
