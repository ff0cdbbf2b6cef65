"""The back office's people sections: 村民和户, 操作员, 等次和过期 — and the expiry job at start."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from kiosk.services.people import residents
from kiosk.services.setup import settings
from kiosk.services.audit.check import run_check
from kiosk.ui.expiry_job import ExpiryJob
from tests.conftest import MANAGER_PIN, fingerprint, give
from tests.ui.conftest import log_in


@pytest.fixture
def manager(qtbot, counter, shop):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    yield counter
    assert run_check(shop.db).ok          # after every workflow on screen, the books still balance


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def chosen(qtbot, counter, name: str):
    """The residents section with `name` found and chosen."""
    section = counter.open_manage("residents")
    section.search.setText(name)
    section.choose(next(r for r in section.found if r.name == name))
    return section


def form_of(section):
    return section.right.currentWidget()


def refused_unchanged(qtbot, shop, section, button, words: str) -> None:
    before = fingerprint(shop.db)
    click(qtbot, button)
    assert section.feedback.kind == "bad" and words in section.feedback.text(), section.feedback.text()
    assert fingerprint(shop.db) == before


# 村民和户 ---------------------------------------------------------------------------------

def test_find_and_edit_a_resident(qtbot, manager, shop):
    section = chosen(qtbot, manager, "李秀英")
    assert "3组12号" in section.details.text() and "王小明" in section.details.text()
    click(qtbot, section.buttons["edit"])
    form = form_of(section)
    assert form.edits["name"].text() == "李秀英"
    form.edits["phone"].setText("13812345678")
    form.edits["id_last4"].setText("12a4")
    refused_unchanged(qtbot, shop, section, form.confirm, "身份证后四位“12a4”不对")
    form.edits["id_last4"].setText("123x")
    click(qtbot, form.confirm)
    assert "已改好" in section.feedback.text()
    assert residents.resolve(shop, "李秀英").id_last4 == "123X"
    assert "123X" in section.details.text()


def test_split_from_the_screen_keeps_the_total(qtbot, manager, shop):
    give(shop, "JF000001", 4)
    total = shop.db.scalar("SELECT SUM(hundredths) FROM balance")
    section = chosen(qtbot, manager, "李秀英")
    click(qtbot, section.buttons["split"])
    form = form_of(section)
    assert form.choices["members"].chosen() == ["JF000002"]
    form.edits["new_house_no"].setText("3组13号")
    click(qtbot, form.confirm)
    assert "另立 3组13号，带走 10 分" in section.feedback.text()
    assert shop.db.scalar("SELECT SUM(hundredths) FROM balance") == total
    assert "3组13号" in section.details.text()


def test_bad_moves_and_merges_change_nothing(qtbot, manager, shop):
    section = chosen(qtbot, manager, "王小明")
    click(qtbot, section.buttons["merge"])
    form = form_of(section)
    form.edits["into"].setText("3组12号")
    refused_unchanged(qtbot, shop, section, form.confirm, "不能把3组12号并到它自己")
    click(qtbot, section.findChild(type(form.confirm), "merge_cancel"))
    click(qtbot, section.buttons["move"])
    form = form_of(section)
    form.edits["house_no"].setText("9组99号")
    refused_unchanged(qtbot, shop, section, form.confirm, "找不到门牌号“9组99号”的户")


def test_marked_moved_away_the_card_stops_at_the_counter(qtbot, manager, shop):
    section = chosen(qtbot, manager, "李秀英")
    click(qtbot, section.buttons["leave"])
    form = form_of(section)
    assert form.choices["points"].chosen() == ["household"]
    before = fingerprint(shop.db)
    click(qtbot, form.confirm)                                  # no choice yet: asked, nothing written
    assert section.feedback.kind == "warn" and fingerprint(shop.db) == before
    click(qtbot, form.choices["status"].buttons["moved"])
    click(qtbot, form.confirm)
    assert "已登记为已迁出，卡 JF000002 已停用" in section.feedback.text()
    assert not section.buttons["leave"].isEnabled() and section.buttons["return"].isEnabled()
    manager.back_to_exchange()
    manager.exchange._find_resident("JF000002")
    assert "卡 JF000002 已停用" in manager.exchange.feedback.text()


def test_cards_and_a_new_card(qtbot, manager, shop, monkeypatch, tmp_path):
    from kiosk.ui.manage import residents_actions

    opened = []
    monkeypatch.setattr(residents_actions, "open_document", opened.append)
    section = chosen(qtbot, manager, "王小明")
    click(qtbot, section.buttons["cards"])
    assert opened and opened[0].exists() and "已生成 2 张卡" in section.feedback.text()
    click(qtbot, section.buttons["reissue"])
    form = form_of(section)
    click(qtbot, form.choices["why"].buttons["丢失"])
    click(qtbot, form.confirm)
    assert "旧卡 JF000001 已作废" in section.feedback.text()
    assert residents.resolve(shop, "王小明").card_code != "JF000001"


def _sheet(path, rows, header=("名字", "家庭住址", "与户主关系", "身份证后四位")):
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(row)
    book.save(path)
    return str(path)


def test_import_with_a_preview_and_a_column_chosen_by_hand(qtbot, manager, shop, tmp_path):
    section = manager.open_manage("residents")
    click(qtbot, section.findChild(type(section.buttons["edit"]), "residents_import"))
    view = section.importer
    before = fingerprint(shop.db)
    view.open_file(_sheet(tmp_path / "名册.xlsx", [["赵德明", "2组5号", "户主", "1234"],
                                                  ["钱玉兰", "2组5号", "配偶", "56789"]]))
    assert "缺少这些列：门牌号" in view.feedback.text() and not view.confirm.isEnabled()
    view.open_file(view.path, {"家庭住址": "门牌号"})
    assert [row[4] for row in view.model.rows][1].startswith("身份证后四位“56789”不对")
    assert not view.confirm.isEnabled() and fingerprint(shop.db) == before
    good = _sheet(tmp_path / "好.xlsx", [["赵德明", "2组5号", "户主", "1234"], ["钱玉兰", "2组5号", "配偶", "567X"]])
    view.open_file(good, {"家庭住址": "门牌号"})
    assert view.boxes[1].currentData() == "house_no" and view.confirm.isEnabled()
    view.boxes[3].setCurrentIndex(0)                              # leave the ID column out
    click(qtbot, view.findChild(type(view.confirm), "import_recheck"))
    click(qtbot, view.confirm)
    assert section.pages.currentIndex() == 0 and "已导入 2 位村民" in section.feedback.text()
    assert residents.resolve(shop, "钱玉兰").id_last4 == ""


# 操作员 -----------------------------------------------------------------------------------

def test_operators_add_reset_and_deactivate(qtbot, manager, shop):
    from kiosk.services.people import operators

    section = manager.open_manage("operators")
    section.name.setText("孙主任")
    click(qtbot, section.role.buttons["manager"])
    section.pin.setText("97531")
    click(qtbot, section.buttons["add"])
    assert "已添加 孙主任" in section.feedback.text()
    section.choose(section.model.column(0).index("刘建军"))
    click(qtbot, section.buttons["deactivate"])
    assert "已停用" in section.feedback.text()
    section.choose(section.model.column(0).index("孙主任"))
    refused_unchanged(qtbot, shop, section, section.buttons["deactivate"], "最后一位在用的管理员")
    section.choose(section.model.column(0).index("张晓燕"))
    section.new_pin.setText("1357")
    click(qtbot, section.buttons["reset"])
    assert operators.login(shop.db, "张晓燕", "1357", shop.clock.now()).name == "张晓燕"


# 等次和过期 ---------------------------------------------------------------------------------

def test_grades_out_of_order_are_refused_then_saved(qtbot, manager, shop):
    section = manager.open_manage("grades")
    assert [row[0].text() for row in section.rows] == ["AAA", "AA", "A", "B", "C"]
    section.rows[1][1].setText("700")
    refused_unchanged(qtbot, shop, section, section.save, "从高到低")
    section.rows[1][1].setText("400")
    section.rows[0][2].setText("节日礼包")
    click(qtbot, section.save)
    assert "等次已保存" in section.feedback.text()
    assert "节日礼包" in shop.db.scalar("SELECT grade_scale FROM village")


def test_expiry_rule_saved_and_run_once(qtbot, manager, shop, clock):
    give(shop, "JF000004", 2)
    clock.set(datetime(2027, 1, 10, 9, 0))
    panel = manager.open_manage("grades").expiry
    click(qtbot, panel.policy.buttons["yearly"])
    panel.reset_date.setText("1-10")
    refused_unchanged(qtbot, shop, manager.manage.built["grades"], panel.save, "01-10")
    panel.reset_date.setText("01-10")
    click(qtbot, panel.save)
    assert "到期还没记的：10 分" in panel.status.text() and panel.run.isEnabled()
    click(qtbot, panel.run)
    assert "共 10 分" in manager.manage.built["grades"].feedback.text() and not panel.run.isEnabled()
    assert shop.db.scalar("SELECT COUNT(*) FROM entry WHERE kind = 'expire'") == 1


def test_the_counter_runs_the_expiry_job_when_it_starts(qtbot, shop, clock):
    from kiosk.ui.app import counter_window
    from kiosk.ui.tasks import ImmediateRunner

    settings.change(shop, {"expiry.policy": "months", "expiry.months": "1"})
    give(shop, "JF000001", 2)
    clock.set(datetime(2026, 12, 5, 8, 0))
    window = counter_window(shop.db.path, runner=ImmediateRunner(), clock=clock)
    qtbot.addWidget(window)
    job = window.findChild(ExpiryJob)
    assert job.last.total.hundredths == 1000 and job.timer.isActive()
    job.run()                                                     # an hour later, the same day
    assert job.last.already
    assert window.session.db.scalar("SELECT COUNT(*) FROM entry WHERE kind = 'expire'") == 1
    window._warm_up.stop()   # the exchange page is not built on a closed database after the test
    window.session.db.close()
