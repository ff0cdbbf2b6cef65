"""The first-run wizard on screen: clicked through to a working counter login."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.services.setup.wizard import SetupWizard, needs_setup
from kiosk.ui.tasks import ImmediateRunner
from kiosk.ui.wizard.dialog import SetupDialog
from tests.ui.conftest import log_in


@pytest.fixture
def dialog(qtbot, tmp_path, clock):
    window = SetupDialog(SetupWizard(tmp_path / "new" / "village.sqlite", clock), ImmediateRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def click(qtbot, parent, name: str) -> None:
    button = parent.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_pin(qtbot, pad, pin: str) -> None:
    for digit in pin:
        click(qtbot, pad, f"pin_{digit}")
    click(qtbot, pad, "pin_ok")


def test_click_through_to_a_working_counter_login(qtbot, qapp, dialog, tmp_path):
    from kiosk.ui.app import _close, counter_window

    assert dialog.shown_step == "village" and "第 1 步" in dialog.step_label.text()
    dialog.pages["village"].name.setText("石桥村")    # Chinese comes from an input method, not keys
    click(qtbot, dialog.pages["village"], "wizard_currency_爱心积分")
    assert dialog.pages["village"].currency.text() == "爱心积分"
    click(qtbot, dialog, "wizard_next")
    assert dialog.shown_step == "manager"
    dialog.pages["manager"].name.setText("李春梅")
    type_pin(qtbot, dialog.pages["manager"].pad, "1357")
    type_pin(qtbot, dialog.pages["manager"].pad, "1357")      # the second OK moves on by itself
    assert dialog.shown_step == "printer"
    click(qtbot, dialog, "wizard_test_print")
    assert dialog.feedback.kind == "ok" and "PDF" in dialog.feedback.text()
    click(qtbot, dialog, "wizard_next")
    click(qtbot, dialog, "wizard_offline")
    assert dialog.shown_step == "residents"
    good = tmp_path / "list.csv"
    good.write_text("姓名,门牌号\n赵大山,2组5号\n钱秀兰,2组5号\n", encoding="utf-8")
    dialog.pages["residents"].choose_file(str(good))         # what the file dialog hands back
    assert "2 行都没问题" in dialog.pages["residents"].result.text()
    click(qtbot, dialog, "wizard_next")
    assert dialog.shown_step == "confirm" and dialog.next_button.text() == "完成，打开收银台"
    assert dialog.pages["confirm"].form.rowCount() == 6
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog, "wizard_next")
    assert not needs_setup(dialog.wizard.db_path)
    window = counter_window(dialog.wizard.db_path, runner=ImmediateRunner())
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "石桥村积分超市 · 收银台"
    log_in(qtbot, window, "李春梅", "1357")
    assert window.pages.currentWidget() is window.exchange and window.actions["manage"].isVisible()
    window.close()
    _close(qapp, window)


def test_bad_answers_are_shown_and_the_page_stays(qtbot, dialog):
    click(qtbot, dialog, "wizard_next")
    assert dialog.shown_step == "village" and dialog.feedback.text() == "请填写村名，例如：青石村。"
    dialog.pages["village"].name.setText("石桥村")
    click(qtbot, dialog, "wizard_next")
    manager = dialog.pages["manager"]
    manager.name.setText("李春梅")
    type_pin(qtbot, manager.pad, "1357")
    assert "再输一次" in manager.prompt.text()
    type_pin(qtbot, manager.pad, "7531")
    assert dialog.shown_step == "manager" and "两次输入的密码不一样" in dialog.feedback.text()
    assert "设密码" in manager.prompt.text()                   # start again from the first PIN
    type_pin(qtbot, manager.pad, "135")
    assert dialog.feedback.text() == "密码要求 4 到 8 位数字。" and "设密码" in manager.prompt.text()
    type_pin(qtbot, manager.pad, "1357")
    click(qtbot, dialog, "wizard_next")
    assert dialog.feedback.text() == "请再输入一次密码，确认没有按错。"
    assert not dialog.wizard.db_path.parent.exists()


def test_a_bad_township_address_and_a_bad_resident_list_say_what_is_wrong(qtbot, dialog, tmp_path):
    dialog.wizard.set_village("石桥村", "美德积分")
    dialog.wizard.set_manager("李春梅", "1357", "1357")
    dialog.wizard.set_printer({"printer.kind": "none"})
    dialog.show_step(dialog.wizard.step)
    assert dialog.shown_step == "township"
    dialog.pages["township"].url.setText("jifen.zhen.gov.cn")
    dialog.pages["township"].code.setText("AB12-CD34")
    click(qtbot, dialog, "wizard_next")
    assert dialog.shown_step == "township" and "以 http:// 或 https:// 开头" in dialog.feedback.text()
    dialog.pages["township"].url.setText("https://jifen.zhen.gov.cn")
    click(qtbot, dialog, "wizard_next")
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,门牌号\n赵大山,\n", encoding="utf-8")
    dialog.pages["residents"].choose_file(str(bad))
    assert "第 2 行：请填写门牌号，例如：3组12号。" in dialog.pages["residents"].result.text()
    assert dialog.feedback.kind == "bad"
    click(qtbot, dialog, "wizard_residents_later")
    assert dialog.shown_step == "confirm"
    assert dict(dialog.wizard.summary())["村民名单"] == "以后再导入"


def test_escape_does_not_throw_the_answers_away(qtbot, dialog):
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()


def test_starting_the_counter_on_a_missing_database_runs_the_wizard_then_the_counter(qapp, tmp_path,
                                                                                      monkeypatch):
    """run_counter's glue: the wizard first (its window answered here), then the counter on the new village."""
    from PySide6.QtWidgets import QApplication, QDialog

    from kiosk.ui import app as app_module
    from kiosk.ui.wizard.dialog import SetupDialog

    def answer_and_finish(dialog):
        w = dialog.wizard
        w.set_village("石桥村", "爱心积分")
        w.set_manager("李春梅", "1357", "1357")
        w.set_printer({"printer.kind": "none"})
        w.work_offline()
        w.residents_later()
        w.finish()
        return QDialog.DialogCode.Accepted

    titles = []
    monkeypatch.setattr(SetupDialog, "exec", answer_and_finish)
    monkeypatch.setattr(QApplication, "exec", lambda self: titles.append(
        [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]) or 0)
    db_path = tmp_path / "new" / "village.sqlite"
    assert app_module.run_counter(db_path) == 0
    assert "石桥村积分超市 · 收银台" in titles[0] and not needs_setup(db_path)


def test_closing_the_wizard_opens_no_counter(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QDialog

    from kiosk.ui import app as app_module
    from kiosk.ui.wizard.dialog import SetupDialog

    monkeypatch.setattr(SetupDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QApplication, "exec", lambda self: pytest.fail("no counter should open"))
    assert app_module.run_counter(tmp_path / "village.sqlite") == 0
    assert not (tmp_path / "village.sqlite").exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_wizard_page_speaks_one_language(qtbot, monkeypatch, tmp_path, clock, lang):
    from PySide6.QtWidgets import QApplication

    from kiosk.services.setup.wizard import STEPS
    from tests.ui.words import chinese_left, english_left, texts

    monkeypatch.setenv("KIOSK_LANG", lang)
    wizard = SetupWizard(tmp_path / "village.sqlite", clock)
    window = SetupDialog(wizard, ImmediateRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    wizard.set_village("Greenstone", "credits")
    wizard.set_manager("Liu Jianjun", "1357", "1357")
    found = []
    for step in STEPS:
        window.show_step(step)
        QApplication.processEvents()
        found += texts(window)
    left = chinese_left(found) if lang == "en" else english_left(found, {"Greenstone", "Liu", "Jianjun",
                                                                         "credits", "https"})
    assert left == [], left


def test_a_failed_finish_is_shown_and_can_be_tried_again(qtbot, dialog, tmp_path):
    listed = tmp_path / "list.csv"
    listed.write_text("姓名,门牌号\n赵大山,2组5号\n", encoding="utf-8")
    w = dialog.wizard
    w.set_village("石桥村", "美德积分")
    w.set_manager("李春梅", "1357", "1357")
    w.set_printer({"printer.kind": "none"})
    w.work_offline()
    w.set_residents(str(listed))
    dialog.show_step(w.step)
    listed.write_text("姓名,门牌号\n赵大山,\n", encoding="utf-8")     # spoilt after the check
    click(qtbot, dialog, "wizard_next")
    assert dialog.feedback.kind == "bad" and "没有导入任何一行" in dialog.feedback.text()
    assert dialog.next_button.isEnabled() and dialog.result() == 0 and not w.db_path.exists()
    listed.write_text("姓名,门牌号\n赵大山,2组5号\n", encoding="utf-8")
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog, "wizard_next")
    assert not needs_setup(w.db_path)
