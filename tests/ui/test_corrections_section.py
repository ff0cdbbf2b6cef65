"""更正 on screen: revoke an entry by its reversal, adjust with a reason; bad requests change nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.services.points import awards
from tests.conftest import MANAGER_PIN, fingerprint
from tests.services._points_admin import books_balance
from tests.ui.conftest import log_in


@pytest.fixture
def section(qtbot, counter, shop):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    yield counter.open_manage("corrections")
    books_balance(shop.db)


def tap(qtbot, section, name: str) -> None:
    qtbot.mouseClick(section.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def test_revoke_the_chosen_entry_with_a_reason(qtbot, section, shop):
    given = awards.award(shop, "JF000001", "hjqs")                 # +5
    section.load()
    section.select(given.id)
    section.reason.setText("记错了人")
    tap(qtbot, section, "corrections_revoke")
    assert "已撤销王小明" in section.feedback.text() and "余额 0 分" in section.feedback.text()
    reversal = shop.db.one("SELECT * FROM entry WHERE reverses_id = ?", (given.id,))
    assert reversal["kind"] == "deduct" and reversal["hundredths"] == -500
    assert "已撤销" in section.model.column(6)


def test_an_entry_is_revoked_once_only(qtbot, section, shop):
    given = awards.award(shop, "JF000001", "hjqs")
    section.load()
    section.select(given.id)
    section.reason.setText("记错了人")
    tap(qtbot, section, "corrections_revoke")
    before = fingerprint(shop.db)
    section.select(given.id)
    section.reason.setText("再撤一次")
    tap(qtbot, section, "corrections_revoke")
    assert section.feedback.kind == "bad" and fingerprint(shop.db) == before


@pytest.mark.parametrize("reason", ["", "   "])
def test_no_reason_no_revocation(qtbot, section, shop, reason):
    given = awards.award(shop, "JF000001", "hjqs")
    section.load()
    section.select(given.id)
    section.reason.setText(reason)
    before = fingerprint(shop.db)
    tap(qtbot, section, "corrections_revoke")
    assert section.feedback.kind == "bad" and "原因" in section.feedback.text()
    assert fingerprint(shop.db) == before


def test_nothing_chosen_says_what_to_do(qtbot, section, shop):
    before = fingerprint(shop.db)
    tap(qtbot, section, "corrections_revoke")
    assert "先在上面的表里点选" in section.feedback.text() and fingerprint(shop.db) == before


def test_adjust_with_a_reason(qtbot, section, shop):
    section.resident.setText("王小明")
    section.amount.setText("+3")
    section.reason.setText("上次漏记")
    tap(qtbot, section, "corrections_adjust")
    assert "已给王小明调整 +3 分" in section.feedback.text()
    assert shop.db.scalar("SELECT note FROM entry WHERE kind = 'adjust'") == "上次漏记"
    assert any("上次漏记" in what for what in section.model.column(3))


@pytest.mark.parametrize("amount, reason, words", [
    ("+3", "", "原因"), ("0", "漏记", "0"), ("-5", "多记了", "余额"), ("abc", "漏记", "abc")])
def test_bad_adjustments_change_nothing(qtbot, section, shop, amount, reason, words):
    before = fingerprint(shop.db)
    section.resident.setText("王小明")
    section.amount.setText(amount)
    section.reason.setText(reason)
    tap(qtbot, section, "corrections_adjust")
    assert section.feedback.kind == "bad" and fingerprint(shop.db) == before
