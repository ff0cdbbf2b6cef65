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
