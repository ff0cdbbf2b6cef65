"""The back office's settings screen: every setting on a tab, saved together, a test print."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk import config
from kiosk.services.setup import settings
from kiosk.services.shop import receipts
from kiosk.services.context import SELFSERVICE, Context
from tests.conftest import MANAGER_PIN, VOLUNTEER_PIN, fingerprint
from kiosk.ui.tasks import ImmediateRunner
from tests.ui.conftest import log_in


def _section(qtbot, counter):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    qtbot.mouseClick(counter.actions["settings"], Qt.MouseButton.LeftButton)   # the top bar's 设置
    assert counter.pages.currentWidget() is counter.manage
    return counter.manage.built["settings"]


def test_the_settings_button_opens_the_section_with_every_setting(qtbot, counter):
    section = _section(qtbot, counter)
    assert counter.manage.stack.currentWidget() is section
    assert set(section.fields) == set(config.BY_KEY)
    assert section.fields["village.name"].widget.text() == "青石村"
    assert section.fields["village.claim_review"].widget.isChecked()
    tabs = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert tabs == ["村庄", "小票打印机", "积分", "收银台", "自助查询", "乡镇联网"]


def test_settings_are_for_managers(qtbot, counter, shop):
    log_in(qtbot, counter, "张晓燕", VOLUNTEER_PIN)
    assert not counter.actions["settings"].isVisible()
    section = counter.open_settings()                 # even if opened, a volunteer cannot save
    before = fingerprint(shop.db)
    section.fields["receipt_footer"].widget.setText("谢谢")
    section.save()
    assert section.feedback.kind == "bad" and "不能修改设置" in section.feedback.text()
    assert fingerprint(shop.db) == before


def test_printer_settings_take_effect_and_the_test_page_prints(qtbot, counter, shop, tmp_path):
    section = _section(qtbot, counter)
    out = tmp_path / "printer.bin"
    kind = section.printer.kind
    kind.setCurrentIndex(kind.findData("file"))
    assert section.fields["printer.device"].widget.isVisibleTo(section.printer)
    assert not section.fields["printer.host"].widget.isVisibleTo(section.printer)
    section.fields["printer.device"].widget.setText(str(out))
    section.fields["receipt_footer"].widget.setText("积分兑换，文明你我")
    qtbot.mouseClick(section.test_button, Qt.MouseButton.LeftButton)     # before saving: as typed
    assert section.feedback.kind == "ok" and b"\x1c\x26" in out.read_bytes()
    assert "积分兑换，文明你我".encode("gb18030") in out.read_bytes()
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.feedback.kind == "ok" and section.feedback.text() == "已保存。"
    assert receipts.shop_lines(shop)[1] == "积分兑换，文明你我"
    assert settings.value(shop, config.PRINTER_KIND) == "file"


def test_a_bad_value_is_refused_on_its_own_tab_and_nothing_is_saved(qtbot, counter, shop):
    section = _section(qtbot, counter)
    before = fingerprint(shop.db)
    section.fields["receipt_footer"].widget.setText("这一句不会存下")
    section.fields["sync.url"].widget.setText("jifen zhen")
    section.save()
    assert section.feedback.kind == "bad" and "“乡镇服务器地址”写得不对" in section.feedback.text()
    assert section.tabs.tabText(section.tabs.currentIndex()) == "乡镇联网"
    assert fingerprint(shop.db) == before


def test_expiry_shows_only_what_the_chosen_policy_needs(qtbot, counter, shop):
    section = _section(qtbot, counter)
    section.tabs.setCurrentIndex(2)
    policy = section.fields["expiry.policy"].widget
    date, months = (section.fields[k].widget for k in ("expiry.reset_date", "expiry.months"))
    assert not date.isVisible() and not months.isVisible()
    policy.setCurrentIndex(policy.findData("yearly"))
    assert date.isVisible() and not months.isVisible()
    date.setText("01-10")
    section.save()
    found = settings.values(Context(shop.db, SELFSERVICE), "expiry.")
    assert found == {"expiry.policy": "yearly", "expiry.reset_date": "01-10", "expiry.months": 12}


def test_a_new_language_or_village_name_says_it_shows_after_a_restart(qtbot, counter, shop):
    section = _section(qtbot, counter)
    language = section.fields["ui.language"].widget
    language.setCurrentIndex(language.findData("en"))
    section.fields["village.name"].widget.setText("青石新村")
    section.save()
    assert section.feedback.kind == "ok" and "要关掉程序再打开后才生效" in section.feedback.text()
    assert "界面语言" in section.feedback.text() and "村名" in section.feedback.text()
    fresh = Context(shop.db, SELFSERVICE)
    assert fresh.village.name == "青石新村" and settings.value(fresh, config.UI_LANGUAGE) == "en"
    section.save()
    assert section.feedback.text() == "没有改动。"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_settings_tab_speaks_one_language(qtbot, monkeypatch, shop, clock, tmp_path, lang):
    """One language on every tab, but the language picker's own 简体中文 / English and the village's data."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.counter.main_window import CounterWindow
    from kiosk.ui.counter_session import CounterSession
    from tests.ui.words import chinese_left, english_left, texts

    monkeypatch.setenv("KIOSK_LANG", lang)
    session = CounterSession(shop.db, ImmediateRunner(), clock=clock, receipts_dir=tmp_path)
    window = CounterWindow(session, "counter")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    session.login("刘建军", MANAGER_PIN)
    window._logged_in(session.actor)
    section = window.open_settings()
    found = []
    for index in range(section.tabs.count()):
        section.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found += texts(section)
    left = (chinese_left(found, {"简体中文", "青石村", "美德积分"}) if lang == "en"
            else english_left(found, {"English"}))
    assert left == [], left
    window.close()
