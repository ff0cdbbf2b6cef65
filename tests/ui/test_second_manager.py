"""回避 on screen: the operator's own household asks another manager's PIN (issue 16)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from kiosk.services.people import operators, residents
from kiosk.ui.widgets.second_manager import SecondManagerDialog
from tests.conftest import MANAGER_PIN, fingerprint
from tests.services._points_admin import books_balance
from tests.ui.conftest import log_in
from tests.services._vouched import vouched_manager


@pytest.fixture
def manager(qtbot, counter, shop):
    residents.add_resident(shop, name="刘建军", house_no="3组12号", relation="女婿")
    operators.link_resident(shop, "刘建军", "刘建军")
    vouched_manager(shop, "王秀兰", "1379", resident="JF000004")    # confirmed by the township (回避)
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    yield counter
    books_balance(shop.db)


def asked(monkeypatch, answer):
    seen = []

    def ask(cls, why):
        seen.append(why)
        return answer
    monkeypatch.setattr(SecondManagerDialog, "ask", classmethod(ask))
    return seen


def record_for(qtbot, manager, card: str):
    section = manager.open_manage("record")
    section.choose_rule("hjqs")
    section.on_scan(card)
    qtbot.mouseClick(section.buttons["record"], Qt.MouseButton.LeftButton)
    return section


def test_recording_for_ones_own_household_asks_and_refuses_when_cancelled(qtbot, manager, shop, monkeypatch):
    seen = asked(monkeypatch, None)
    before = fingerprint(shop.db)
    section = record_for(qtbot, manager, "JF000001")
    assert "这是您自己家的积分" in seen[0]
    assert "另一位管理员" in section.feedback.text() and fingerprint(shop.db) == before


def test_a_wrong_pin_refuses_and_the_right_one_records_with_the_second_named(qtbot, manager, shop, monkeypatch):
    asked(monkeypatch, ("王秀兰", "0000"))
    section = record_for(qtbot, manager, "JF000001")
    assert "密码不对" in section.feedback.text()
    assert shop.db.scalar("SELECT COUNT(*) FROM entry WHERE kind = 'award'") == 0
    asked(monkeypatch, ("王秀兰", "1379"))
    section = record_for(qtbot, manager, "JF000001")
    assert "已记分" in section.feedback.text()
    after = json.loads(shop.db.scalar("SELECT after FROM audit WHERE action = 'points.award'"))
    assert after["second_manager"] == "王秀兰"
    assert manager.session.second is None           # the next call is alone again


def test_another_household_is_recorded_without_asking(qtbot, manager, shop, monkeypatch):
    seen = asked(monkeypatch, None)
    section = record_for(qtbot, manager, "JF000003")
    assert "已记分" in section.feedback.text() and seen == []


def test_the_operators_screen_links_an_operator_to_a_resident(qtbot, manager, shop):
    section = manager.open_manage("operators")
    assert "刘建军（3组12号）" in section.model.column(3)
    section.choose(section.model.column(0).index("张晓燕"))
    section.link_to.setText("王晓明")
    qtbot.mouseClick(section.buttons["link"], Qt.MouseButton.LeftButton)
    assert "已登记" in section.feedback.text()
    assert "王晓明（5组1号）" in section.model.column(3)
