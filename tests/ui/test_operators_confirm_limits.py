"""操作员 on screen: which managers cannot confirm whose household's acts as second manager now
(回避's sock puppets), in the counter's own words, on a 1366×768 page that still fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from kiosk.core.errors import Refused
from kiosk.services.people import operators, residents
from kiosk.services.points import awards
from tests.conftest import MANAGER_PIN
from tests.services._vouched import township_confirms, vouched_manager
from tests.ui.conftest import log_in


@pytest.fixture
def section(qtbot, themed, counter, shop):
    """刘建军 (of 3组12号) logged in; 王秀兰, whom the township confirmed, may confirm for him."""
    residents.add_resident(shop, name="刘建军", house_no="3组12号", relation="女婿")
    operators.link_resident(shop, "刘建军", "刘建军")
    vouched_manager(shop, "王秀兰", "1379", resident="JF000004")
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    return counter.open_manage("operators")


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def add_manager(qtbot, section, name: str, pin: str) -> None:
    section.name.setText(name)
    click(qtbot, section.role.buttons["manager"])
    section.pin.setText(pin)
    click(qtbot, section.buttons["add"])


def counter_says(shop, second: str, pin: str) -> str:
    """The refusal 刘建军 meets at the counter awarding his household with `second` confirming."""
    with pytest.raises(Refused) as refused:
        awards.award(operators.second_manager(shop, second, pin), "JF000001", "hjqs")
    return refused.value.message()


def page_fits(qtbot, section) -> bool:
    """Once its words are laid out, the whole page shows at 1366×768 without scrolling."""
    area = section.limits.scroll

    def settled() -> bool:
        need = area.widget().heightForWidth(area.viewport().width())
        return all(label.isVisible() for label in section.limits.said.values()) and area.verticalScrollBar().maximum() == max(0, need - area.viewport().height())
    qtbot.waitUntil(settled)
    holder = section.parentWidget()
    while not isinstance(holder, QScrollArea):
        holder = holder.parentWidget()
    return holder.verticalScrollBar().maximum() == 0


def test_a_manager_the_actor_added_is_shown_unable_to_confirm_for_his_household(qtbot, section, shop):
    assert section.limits.isHidden()                              # every manager may confirm for every other
    add_manager(qtbot, section, "赵六", "6060")
    assert section.limits.isVisible() and list(section.limits.said) == ["赵六"]
    words = section.limits.words("赵六")
    assert counter_says(shop, "赵六", "6060") in words
    assert "赵六不能替刘建军本户的事做第二位确认" in words and "请赵六先改一次自己的密码" in words
    assert page_fits(qtbot, section)


def test_the_words_follow_the_puppets_own_change_and_go_with_the_townships_confirmation(qtbot, section, shop):
    add_manager(qtbot, section, "赵六", "6060")
    zhao = shop.as_actor(operators.login(shop.db, "赵六", "6060", shop.clock.now()))
    operators.reset_pin(zhao, "赵六", "6161")
    section.load()
    assert "请乡镇核实后确认赵六的管理员身份（不用再改密码）" in section.limits.words("赵六")
    assert counter_says(shop, "赵六", "6161") in section.limits.words("赵六")
    township_confirms(shop.db, "赵六")
    section.load()
    assert section.limits.isHidden() and section.limits.said == {}


def test_choosing_a_manager_brings_his_limits_into_view(qtbot, section, shop):
    for name in ("赵六", "孙七", "吴八", "郑九"):
        add_manager(qtbot, section, name, "6060")
    assert list(section.limits.said) == ["吴八", "孙七", "赵六", "郑九"]
    assert page_fits(qtbot, section)
    assert section.limits.scroll.verticalScrollBar().maximum() > 0      # the list scrolls, the page does not
    section.choose(section.model.column(0).index("郑九"))
    label = section.limits.said["郑九"]
    area = section.limits.scroll
    shown = area.viewport().rect().translated(0, area.verticalScrollBar().value())
    assert area.verticalScrollBar().value() > 0 and shown.contains(label.geometry().topLeft())
