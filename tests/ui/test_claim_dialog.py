"""申报 at the counter (issue 16): a volunteer files a claim with a photo; it waits for review."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.services.points import claims
from tests.conftest import VOLUNTEER_PIN, fingerprint
from tests.services._points_admin import photo
from tests.ui.conftest import log_in


def test_a_volunteer_files_a_claim_with_a_photo_from_the_top_bar(qtbot, counter, shop, tmp_path, monkeypatch):
    from kiosk.ui.counter.claim_dialog import ClaimDialog

    log_in(qtbot, counter, "张晓燕", VOLUNTEER_PIN)
    assert counter.actions["claim"].isVisible()
    qtbot.mouseClick(counter.actions["claim"], Qt.MouseButton.LeftButton)
    dialog = counter.dialog
    assert isinstance(dialog, ClaimDialog)
    dialog.resident.setText("JF000004")
    dialog.rule.setCurrentIndex(dialog.rule.findData("zyfw"))
    dialog.qty.setText("8")
    dialog.day.setText("2026-11-02")
    dialog.note.setText("村道清扫")
    monkeypatch.setattr(ClaimDialog, "ask_photo", classmethod(lambda cls, parent: str(photo(tmp_path))))
    qtbot.mouseClick(dialog.buttons["photo"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.buttons["file"], Qt.MouseButton.LeftButton)
    assert "已提交申报，等管理员审核：张桂兰 志愿服务 +2" in dialog.feedback.text()
    [claim] = claims.list_claims(shop)
    assert (claim.resident, claim.filed_by, claim.activity_date, claim.note) == ("张桂兰", "张晓燕", "2026-11-02", "村道清扫")
    assert shop.db.scalar("SELECT COUNT(*) FROM activity_photo") == 1
    assert shop.db.scalar("SELECT COUNT(*) FROM entry WHERE kind = 'award'") == 0


def test_a_bad_claim_is_refused_in_words_and_writes_nothing(qtbot, counter, shop):
    log_in(qtbot, counter, "张晓燕", VOLUNTEER_PIN)
    dialog = counter.open_claim()
    dialog.resident.setText("JF000004")
    dialog.day.setText("1999-01-01")
    before = fingerprint(shop.db)
    qtbot.mouseClick(dialog.buttons["file"], Qt.MouseButton.LeftButton)
    assert "太早" in dialog.feedback.text() and fingerprint(shop.db) == before
