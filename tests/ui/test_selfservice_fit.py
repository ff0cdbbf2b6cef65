"""The touchscreen fits a 1366×768 panel on every page (keys a size smaller there) and keeps
its full-size keys on a 1920×1080 touchscreen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.ui.app import selfservice_window
from kiosk.ui.tasks import ImmediateRunner
from tests.conftest import give



@pytest.fixture
def screen(qtbot, themed, shop, db_path):
    give(shop, "JF000001", 2)
    window = selfservice_window(db_path, runner=ImmediateRunner(), clock=shop.clock)
    qtbot.addWidget(window)
    yield window
    window.close()
    window.session.db.close()


def _pages(window):
    yield "home"
    for mode in ("initials", "house", "names"):
        window.find(mode)
        yield mode
    window.on_scan("JF000001")
    yield "resident"
    window.show_notices()
    yield "notices"


@pytest.mark.parametrize("elder", [False, True])
def test_every_page_fits_a_1366_by_768_panel(screen, elder):
    screen.resize(1366, 768)
    screen.show()
    screen.set_elder(elder)
    for page in _pages(screen):
        QApplication.processEvents()
        need = screen.minimumSizeHint()
        assert need.width() <= 1366 and need.height() <= 768, f"{page} needs {need.width()}×{need.height()}"


def test_a_full_hd_touchscreen_keeps_the_big_keys(screen):
    screen.resize(1920, 1080)
    screen.show()
    screen.find("initials")
    QApplication.processEvents()
    key = screen.findChild(QPushButton, "key_A")
    assert key.height() >= 72
