"""操作记录 on screen (issue 16): the trail under 数据报表, filtered, with the chain's state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.points import Points
from kiosk.services.points import awards, objections, rules
from kiosk.services.setup import settings
from tests.conftest import MANAGER_PIN
from tests.ui.conftest import log_in


@pytest.fixture
def manager(qtbot, counter, shop):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    return counter


def test_the_trail_lists_a_rule_change_a_setting_change_and_a_decision(qtbot, manager, shop, volunteer,
                                                                         tmp_path, monkeypatch):
    from kiosk.ui.manage.audit_section import AuditSection

    rules.edit_rule(shop, "hjqs", points=Points.parse(3))
    settings.change(shop, {"notice.days": "10"})
    posted = awards.award(shop, "JF000004", "hjqs")
    objections.object_to(volunteer, posted.id, "王五", "不对")
    objections.decide(shop, posted.id, "dismiss", "有照片为证")
    section = manager.open_manage("audit")
    rows = section.model.rows
    did = {(row[1], row[2]) for row in rows}
    assert {("刘建军", "修改积分标准"), ("刘建军", "修改设置"), ("刘建军", "异议不成立"),
            ("张晓燕", "登记异议")} <= did
    assert "完整" in section.chain.text()
    section.fields["operator"].setText("张晓燕")
    qtbot.mouseClick(section.buttons["find"], Qt.MouseButton.LeftButton)
    assert {row[1] for row in section.model.rows} == {"张晓燕"}
    monkeypatch.setattr(AuditSection, "ask_path", lambda self, suggested: str(tmp_path / "trail.xlsx"))
    qtbot.mouseClick(section.buttons["export"], Qt.MouseButton.LeftButton)
    assert (tmp_path / "trail.xlsx").exists() and "已存到" in section.feedback.text()


def test_the_rules_screen_sets_a_rules_largest_quantity(qtbot, manager, shop):
    from kiosk.store import rules as rule_store

    section = manager.open_manage("rules")
    section.pick(next(n for n, c in enumerate(section.found) if c.rule.code == "zyfw"))
    section.fields["max_qty"].setText("12")
    qtbot.mouseClick(section.buttons["save"], Qt.MouseButton.LeftButton)
    assert "已保存" in section.feedback.text()
    assert str(rule_store.to_rule(rule_store.by_code(shop.db, "zyfw")).max_qty) == "12"
