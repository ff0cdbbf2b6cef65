"""同步 in the back office (pytest-qt): awards the township handed back (复核 退回) listed for the managers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.sync import apply
from kiosk.sync.wire import Record
from tests.conftest import MANAGER_PIN
from tests.sync.fake_township import FakeTownship
from tests.ui.conftest import log_in


@pytest.fixture
def section(qtbot, counter):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    opened = counter.open_manage("sync")
    opened.http = FakeTownship("T-qingshi-1", "s3cret-for-tests").client
    opened.start_job = lambda *a: None
    return opened


def _returned(shop) -> None:
    body = {"entry_id": "e-1", "account_id": "a-1", "household": "3组12号王小明", "hundredths": 500,
            "reason": "没有活动照片", "by": "李会计", "returned_at": "2026-11-03T10:00:00Z"}
    apply.apply_page(shop.db, [Record.make("ret-1", "township", 7, "award_returned", body)], "1", "2026-11-03 10:00:00")


def test_a_returned_award_is_listed_and_marked_done_with_a_note(qtbot, section, shop):
    assert not section.returned.isVisibleTo(section)          # nothing returned: no panel
    _returned(shop)
    section.load()
    assert section.returned.isVisibleTo(section)
    text = section.returned.list.item(0).text()
    assert "3组12号王小明" in text and "没有活动照片" in text and "待处理" in text
    section.returned.list.setCurrentRow(0)
    qtbot.mouseClick(section.returned.done_button, Qt.MouseButton.LeftButton)
    assert section.feedback.kind == "bad" and "处理说明" in section.feedback.text()
    section.returned.note.setText("已补交照片")
    qtbot.mouseClick(section.returned.done_button, Qt.MouseButton.LeftButton)
    assert section.feedback.kind == "ok"
    assert "已处理" in section.returned.list.item(0).text()
