"""The 同步 screen says in words when this PC's books went back in time and how sync healed them."""

from __future__ import annotations

import pytest

from kiosk.store import identity
from tests.conftest import MANAGER_PIN
from tests.ui.conftest import log_in


@pytest.fixture
def section(qtbot, counter):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    return counter.open_manage("sync")


def _note(shop, **values) -> None:
    with shop.db.write() as conn:
        identity.write_note(conn, {"reason": "rollback", "at": "2026-11-03 18:00:00", "old_number": 1,
                                   "old_terminal": "T-old", "done_at": None, "new_number": None} | values)


def test_nothing_is_said_when_nothing_went_back(section):
    section.load()
    assert not section.healed.isVisibleTo(section)


def test_books_found_gone_back_ask_for_an_online_sync(section, shop):
    _note(shop)
    section.load()
    assert section.healed.isVisibleTo(section)
    assert "回到了以前" in section.healed.text() and "请联网同步一次" in section.healed.text()


def test_healed_books_say_the_new_number_and_what_came_back(section, shop):
    _note(shop, done_at="2026-11-03 18:01:00", new_number=3)
    section.load()
    text = section.healed.text()
    assert "收银台号 03（原来是 01）" in text and "0 条记录已取回" in text
