"""The back office: every section is reachable, groups fold, and each section fits a 1366×768 screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.ui.manage.sections import GROUPS, SECTIONS
from tests.ui.conftest import log_in


@pytest.fixture
def office(qtbot, counter):
    log_in(qtbot, counter, "刘建军", "2580")
    qtbot.mouseClick(counter.actions["manage"], Qt.MouseButton.LeftButton)
    return counter.manage


def test_every_section_has_a_group():
    grouped = {key for group in GROUPS for key in group.sections}
    assert {s.key for s in SECTIONS} <= grouped


def test_a_tapped_group_unfolds_and_the_others_fold(qtbot, office):
    qtbot.mouseClick(office.findChild(QPushButton, "group_data"), Qt.MouseButton.LeftButton)
    assert office.findChild(QPushButton, "section_backup").isVisible()
    assert not office.findChild(QPushButton, "section_catalogue").isVisible()



# Below the top bar of a 1366×768 screen, with the group column beside it.
ROOM_W, ROOM_H = 1366 - 250, 768 - 110


@pytest.mark.parametrize("key", [s.key for s in SECTIONS])
def test_each_section_fits_the_small_counter_screen(qtbot, themed, counter, office, key):
    section = office.open(key)
    QApplication.processEvents()
    need = section.minimumSizeHint()
    assert need.width() <= ROOM_W and need.height() <= ROOM_H, f"{key} needs {need.width()}×{need.height()}"
    window = counter.minimumSizeHint()
    assert window.width() <= 1366 and window.height() <= 768
    assert section.isVisible()
