"""The shop's name is shown once on each screen: big on the login page, small in the
top bar once someone is logged in (twice on one screen reads as two different things)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.conftest import log_in

TITLE = "青石村积分超市 · 收银台"


def titles_seen(window) -> int:
    return sum(1 for label in window.findChildren(QLabel) if label.text() == TITLE and label.isVisible())


def test_the_login_screen_names_the_shop_once(qtbot, counter):
    assert titles_seen(counter) == 1
    assert counter.login.isVisible()


def test_after_logging_in_the_top_bar_names_the_shop_once(qtbot, counter):
    log_in(qtbot, counter, "张晓燕", "4826")
    assert titles_seen(counter) == 1
    assert counter.shop_name.isVisible()


def test_locking_the_screen_names_the_shop_once_again(qtbot, counter):
    log_in(qtbot, counter, "张晓燕", "4826")
    counter.lock()
    assert titles_seen(counter) == 1
    assert not counter.shop_name.isVisible()
