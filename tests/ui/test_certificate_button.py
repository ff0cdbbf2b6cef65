"""积分证明 from the back office's 村民和户: refused in words before any sync, printed after one."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from kiosk.sync import client, enrolment
from kiosk.township.app import create_app
from tests.conftest import fingerprint
from tests.ui.test_people_sections import chosen, click, manager  # noqa: F401  (fixture)

NOW = datetime(2026, 11, 3, 9, 0, 0)


@pytest.fixture
def opened(monkeypatch) -> list:
    from kiosk.ui.manage import residents_actions

    shown: list = []
    monkeypatch.setattr(residents_actions, "open_document", shown.append)
    return shown


def test_before_any_sync_it_says_to_sync_first(qtbot, manager, shop, opened):  # noqa: F811
    section = chosen(qtbot, manager, "王小明")
    before = fingerprint(shop.db)
    click(qtbot, section.buttons["certificate"])
    qtbot.waitUntil(lambda: section.feedback.kind == "bad")
    assert "先同步一次" in section.feedback.text() and not opened
    assert fingerprint(shop.db) == before


def test_after_a_sync_the_manager_prints_it(qtbot, manager, shop, opened, tmp_path):  # noqa: F811
    app = create_app(tmp_path / "township.sqlite", clock=lambda: NOW.timestamp())
    with TestClient(app) as http:
        app.state.store.add_village("青石村", "美德积分")
        enrolment.enrol(shop.db, http, "http://township.test", app.state.store.issue_code("青石村")["code"], NOW)
        assert client.sync_once(shop.db, http, NOW).ok
    section = chosen(qtbot, manager, "王小明")
    click(qtbot, section.buttons["certificate"])
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0].exists() and opened[0].name == "3组12号.pdf"
    assert "3组12号 的积分证明已打开" in section.feedback.text() and "今天同步" in section.feedback.text()
