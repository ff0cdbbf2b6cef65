"""The back office's points sections: 积分标准, 记分, 审核, 公示 — and the touchscreen's notice list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.services.points import awards, claims
from kiosk.services.setup import settings
from kiosk.store import ledger
from tests.conftest import MANAGER_PIN, fingerprint
from tests.services._points_admin import books_balance, photo
from tests.ui.conftest import log_in


@pytest.fixture
def manager(qtbot, counter, shop):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    yield counter
    books_balance(shop.db)        # after every workflow on screen, the books still balance


def tap(qtbot, section, key: str) -> None:
    qtbot.mouseClick(section.buttons[key], Qt.MouseButton.LeftButton)


def row_of(model, text: str) -> int:
    return next(n for n, row in enumerate(model.rows) if text in " ".join(row))


def balance(shop, card: str) -> int:
    return shop.db.scalar("SELECT b.hundredths FROM balance b JOIN account a ON a.id = b.account_id"
                          " JOIN resident r ON r.household_id = a.household_id WHERE r.card_code = ?", (card,))


# 积分标准 -----------------------------------------------------------------------------

def test_rules_change_a_rule_from_the_table(qtbot, manager, shop):
    section = manager.open_manage("rules")
    section.pick(row_of(section.model, "环境清扫"))
    assert section.fields["code"].isReadOnly() and section.fields["points"].text() == "5"
    section.fields["points"].setText("6")
    tap(qtbot, section, "save")
    assert shop.db.scalar("SELECT points FROM rule WHERE code = 'hjqs'") == 600
    assert "已保存：环境清扫（每次 6 分）" in section.feedback.text()


def test_rules_add_a_new_one_and_refuse_zero_points(qtbot, manager, shop):
    section = manager.open_manage("rules")
    tap(qtbot, section, "new")
    for key, text in (("code", "zs"), ("name", "植树"), ("points", "0")):
        section.fields[key].setText(text)
    section.fields["category"].setCurrentText("环境卫生")
    before = fingerprint(shop.db)
    tap(qtbot, section, "save")
    assert "不能为 0" in section.feedback.text() and section.feedback.kind == "bad"
    assert fingerprint(shop.db) == before
    section.fields["points"].setText("10")
    tap(qtbot, section, "save")
    assert shop.db.scalar("SELECT name FROM rule WHERE code = 'zs'") == "植树"


def test_a_township_rule_is_read_only_on_screen(manager, shop):
    shop.db.execute("UPDATE rule SET owner = 'township' WHERE code = 'zyfw'")
    section = manager.open_manage("rules")
    section.pick(row_of(section.model, "志愿服务（乡镇）"))
    assert not section.buttons["save"].isEnabled() and not section.buttons["retire"].isEnabled()
    assert "乡镇统一" in section.owner_note.text()


# 记分 ---------------------------------------------------------------------------------

def test_record_an_activity_picking_a_whole_house_with_hours_and_a_photo(qtbot, manager, shop, tmp_path,
                                                                          monkeypatch):
    from kiosk.ui.manage.record_section import RecordSection

    section = manager.open_manage("record")
    section.choose_rule("zyfw")
    section.qty.setText("4")
    section.find.setText("3组")
    tap(qtbot, section, "add_all")
    section.find.setText("zgl")
    section.add_listed(0)
    section.table.selectRow(2)
    tap(qtbot, section, "plus")                          # 张桂兰: 5 hours
    assert section.model.column(0) == ["李秀英", "王小明", "张桂兰"] and section.model.column(2) == ["4", "4", "5"]
    monkeypatch.setattr(RecordSection, "ask_photo", classmethod(lambda cls, parent: str(photo(tmp_path))))
    tap(qtbot, section, "photo")
    section.note.setText("村道清扫")
    tap(qtbot, section, "record")
    assert "已记分：志愿服务，3 人，共 +3.25 分" in section.feedback.text()
    assert balance(shop, "JF000001") == 200 and balance(shop, "JF000004") == 125
    assert shop.db.scalar("SELECT COUNT(*) FROM activity_photo") == 1 and section.people == []


def test_record_refuses_a_whole_list_naming_who_would_pass_the_cap(qtbot, manager, shop):
    awards.award(shop, "JF000004", "zyfw", "160")        # the month's 40
    section = manager.open_manage("record")
    section.choose_rule("zyfw")
    section.on_scan("JF000001")
    section.on_scan("JF000004")
    before = fingerprint(shop.db)
    tap(qtbot, section, "record")
    assert "张桂兰（这次 0.25 分，还能记 0 分）" in section.feedback.text()
    assert "王小明（" not in section.feedback.text() and fingerprint(shop.db) == before
    assert len(section.people) == 2                      # the list is kept to fix and try again


# 审核 ---------------------------------------------------------------------------------

def test_claims_approve_and_reject_with_a_reason(qtbot, manager, shop, volunteer):
    first = awards.award(volunteer, "JF000001", "hjqs")
    second = awards.award(volunteer, "JF000004", "hjqs")
    section = manager.open_manage("claims")
    assert section.model.column(1) == ["王小明", "张桂兰"]
    section.table.selectRow(1)
    before = fingerprint(shop.db)
    tap(qtbot, section, "reject")
    assert "原因" in section.feedback.text() and fingerprint(shop.db) == before
    section.reason.setText("那天没有签到")
    tap(qtbot, section, "reject")
    assert "已驳回：张桂兰" in section.feedback.text()
    section.table.selectRow(0)
    tap(qtbot, section, "approve")
    assert "已通过：王小明" in section.feedback.text() and balance(shop, "JF000001") == 500
    assert [c.status for c in claims.list_claims(shop, None)] == ["approved", "rejected"]
    assert {first.id, second.id} == {c.id for c in claims.list_claims(shop, None)}


# 公示 ---------------------------------------------------------------------------------

def test_notice_credits_what_is_due_when_it_opens(manager, shop, volunteer):
    settings.change(shop, {"claims.credit_after_notice": "1"})
    approved = claims.approve(shop, awards.award(volunteer, "JF000004", "hjqs").id)
    shop.db.execute("UPDATE claim SET decided_at = '2026-10-01 09:00:00' WHERE id = ?", (approved.id,))
    section = manager.open_manage("notice")
    assert "已入账 1 条" in section.feedback.text() and balance(shop, "JF000004") == 500
    manager.open_manage("rules")
    manager.open_manage("notice")                         # opened again: nothing more is posted
    assert ledger.balance(shop.db, approved_account(shop, "JF000004")) == 500


def approved_account(shop, card):
    return shop.db.scalar("SELECT a.id FROM account a JOIN resident r ON r.household_id = a.household_id"
                          " WHERE r.card_code = ?", (card,))


def test_notice_objection_then_uphold_revokes(qtbot, manager, shop):
    given = awards.award(shop, "JF000004", "hjqs")
    section = manager.open_manage("notice")
    section.select(given.id)
    tap(qtbot, section, "object")
    assert "提出" in section.feedback.text() and section.feedback.kind == "bad"
    section.objector.setText("王五（5组2号）")
    section.why.setText("她那天不在")
    tap(qtbot, section, "object")
    assert "已登记异议" in section.feedback.text()
    assert "有异议" in section.model.rows[0][6] and "王五（5组2号）：她那天不在" in section.heard.item(0).text()
    section.select(given.id)
    section.why.setText("村委会核实属实")                 # a decision says why
    tap(qtbot, section, "uphold")
    assert [row[6] for row in section.model.rows] == ["公示中（已入账）", "已撤销"]   # the reversal is on notice too
    assert "撤销：环境清扫" in " ".join(section.model.rows[0]) and balance(shop, "JF000004") == 0


def test_notice_prints_the_a4_paper(qtbot, manager, shop, monkeypatch):
    from kiosk.ui.manage import stock_parts

    opened = []
    monkeypatch.setattr(stock_parts, "open_document", opened.append)
    awards.award(shop, "JF000001", "hjqs")
    section = manager.open_manage("notice")
    tap(qtbot, section, "print")
    assert opened and opened[0].name == "公示-2026-11-03.pdf" and opened[0].read_bytes()[:4] == b"%PDF"


def test_the_volunteers_short_list_takes_objections_but_no_decisions(qtbot, counter, shop, volunteer):
    from kiosk.ui.manage.notice_dialog import NoticeDialog

    given = awards.award(shop, "JF000001", "hjqs")
    session = counter.session
    session.login("张晓燕", "4826")
    dialog = NoticeDialog(session, counter)
    qtbot.addWidget(dialog)
    section = dialog.section
    assert not section.buttons["uphold"].isVisibleTo(dialog) and section.model.column(2) == ["王小明"]
    section.select(given.id)
    section.objector.setText("李四")
    section.why.setText("重复记了")
    tap(qtbot, section, "object")
    assert "已登记异议" in section.feedback.text()
    assert shop.db.scalar("SELECT objector FROM objection") == "李四"


# the touchscreen ----------------------------------------------------------------------

def test_the_self_service_notice_page_shows_the_same_list(qtbot, shop, volunteer):
    from kiosk.ui.selfservice.notice_page import NoticePage
    from kiosk.ui.selfservice.session import SelfServiceSession
    from kiosk.ui.tasks import ImmediateRunner

    awards.award(shop, "JF000001", "hjqs")          # posted before review was switched on
    settings.change(shop, {"claims.credit_after_notice": "1"})
    claims.approve(shop, awards.award(volunteer, "JF000004", "zyfw", "8").id)
    page = NoticePage(SelfServiceSession(shop.db, ImmediateRunner(), shop.clock))
    qtbot.addWidget(page)
    before = fingerprint(shop.db)
    page.load()
    lines = [page.lists["notices"].item(i).text() for i in range(page.lists["notices"].count())]
    assert lines == ["2026-11-03  张**  志愿服务 8 小时  +2 分（公示中，期满入账）",
                     "2026-11-03  王**  环境清扫  +5 分"]
    assert fingerprint(shop.db) == before


def test_a_volunteer_opens_the_notice_list_from_the_top_bar(qtbot, counter, shop):
    from tests.ui.conftest import log_in

    awards.award(shop, "JF000001", "hjqs")
    log_in(qtbot, counter, "张晓燕", "4826")
    assert counter.actions["notice"].isVisible() and not counter.actions["manage"].isVisible()
    qtbot.mouseClick(counter.actions["notice"], Qt.MouseButton.LeftButton)
    assert counter.dialog.isVisible() and counter.dialog.section.model.column(2) == ["王小明"]
