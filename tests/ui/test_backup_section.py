"""The back office's backup screen: a copy to a USB stick, the automatic copies, a checked restore."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.services.setup import backup
from tests.conftest import MANAGER_PIN, VOLUNTEER_PIN, fingerprint, give
from tests.ui.conftest import log_in


def _section(qtbot, counter):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    qtbot.mouseClick(counter.actions["manage"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(counter.manage.findChild(QPushButton, "group_data"), Qt.MouseButton.LeftButton)
    button = counter.manage.findChild(QPushButton, "section_backup")
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return counter.manage.built["backup"]


def _balance(db, card: str) -> int:
    return db.scalar("SELECT b.hundredths FROM balance b JOIN account a ON a.id = b.account_id"
                     " JOIN resident r ON r.household_id = a.household_id WHERE r.card_code = ?", (card,))


def test_volunteers_have_no_back_office(qtbot, counter):
    log_in(qtbot, counter, "张晓燕", VOLUNTEER_PIN)
    assert not counter.actions["manage"].isVisible()


def test_back_up_to_a_stick(qtbot, counter, shop, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    section = _section(qtbot, counter)
    section.back_up_to(str(stick))
    written = list(stick.glob("kiosk-青石村-*.sqlite"))
    assert len(written) == 1 and backup.inspect(written[0]).village == "青石村"
    assert "备份完成" in section.feedback.text()
    assert shop.db.scalar("SELECT action FROM audit ORDER BY rowid DESC LIMIT 1") == "backup.write"


def test_a_full_or_locked_stick_says_so(qtbot, counter, shop, tmp_path):
    section = _section(qtbot, counter)
    section.back_up_to(str(tmp_path / "not-plugged-in"))
    assert "找不到文件夹" in section.feedback.text() and section.feedback.kind == "bad"


def test_the_automatic_copies_are_listed_newest_first(qtbot, counter, shop):
    from datetime import datetime

    backup.auto_backup(shop.db, None, 10, "start", now=datetime(2026, 11, 2, 8, 0))
    backup.auto_backup(shop.db, None, 10, "close", now=datetime(2026, 11, 2, 18, 0))
    section = _section(qtbot, counter)
    texts = [section.copies.item(i).text() for i in range(section.copies.count())]
    assert texts == ["2026-11-02 18:00　关机时自动　" + texts[0].split("　")[2],
                     "2026-11-02 08:00　开机时自动　" + texts[1].split("　")[2]]


def test_restore_puts_the_backup_back_and_asks_for_a_new_login(qtbot, counter, shop, tmp_path):
    give(shop, "JF000001", 2)                                   # 10 points, then the backup
    copy = backup.backup(shop, tmp_path / "saved.sqlite").path
    give(shop, "JF000001", 3)                                   # lost by the restore
    section = _section(qtbot, counter)
    shown = []
    section.ask_restore(str(copy), confirm=lambda info: shown.append(info) or True)
    assert shown[0].village == "青石村"
    assert counter.pages.currentWidget() is counter.login and counter.session.actor is None
    assert "已从备份恢复" in counter.login.feedback.text()
    assert _balance(counter.session.db, "JF000001") == 1000
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)                # the books work on
    assert counter.pages.currentWidget() is counter.exchange


def test_saying_no_changes_nothing(qtbot, counter, shop, tmp_path):
    copy = backup.backup(shop, tmp_path / "saved.sqlite").path
    give(shop, "JF000001")
    before = fingerprint(shop.db)
    section = _section(qtbot, counter)
    section.ask_restore(str(copy), confirm=lambda info: False)
    assert fingerprint(counter.session.db) == before and counter.session.db is shop.db


def test_a_file_that_is_not_a_backup_is_refused_before_asking(qtbot, counter, shop, tmp_path):
    notes = tmp_path / "名单.sqlite"
    notes.write_text("王小明 3组12号\n" * 100, encoding="utf-8")
    before = fingerprint(shop.db)
    section = _section(qtbot, counter)
    asked = []
    section.ask_restore(str(notes), confirm=lambda info: asked.append(info) or True)
    assert asked == [] and "不是数据库文件" in section.feedback.text()
    assert fingerprint(counter.session.db) == before


def test_another_villages_backup_is_refused(qtbot, counter, shop, tmp_path):
    import sqlite3

    copy = backup.backup(shop, tmp_path / "other.sqlite").path
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE village SET id = 'other', name = '白沙村'")
    conn.commit()
    conn.close()
    before = fingerprint(shop.db)
    section = _section(qtbot, counter)
    section.ask_restore(str(copy), confirm=lambda info: True)
    assert "白沙村" in section.feedback.text() and section.feedback.kind == "bad"
    assert counter.pages.currentWidget() is counter.manage
    assert fingerprint(counter.session.db) == before
