"""Scanner bursts as real keyboard-wedge scanners send them, at the counter (offscreen).

The keys carry Shift, Caps Lock's turned-over case, the keypad flag and the
window system's stamps (tests/ui/scanner_keys.py); tests/ui/realx types the same
with real X events.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListView, QPlainTextEdit, QVBoxLayout

from tests.conftest import give
from tests.ui.conftest import log_in
from tests.ui.scanner_keys import KeyStamps, burst, press

RICE = "6901234567892"


@pytest.fixture
def stamps():
    return KeyStamps()


@pytest.fixture
def page(qtbot, counter, shop):
    give(shop, "JF000001", 12)
    log_in(qtbot, counter, "张晓燕", "4826")
    return counter.exchange


def _resident(page) -> str:
    return page.standing.resident.name if page.standing else ""


def test_capitals_typed_with_shift_choose_the_resident(page, stamps):
    burst("JF000001", stamps)
    assert _resident(page) == "王小明" and page.residents.search.text() == ""


def test_caps_lock_turns_the_letters_over_and_the_card_still_reads(qtbot, counter, page, stamps):
    page.residents.search.setFocus()
    with qtbot.waitSignal(counter.scanner.scanned) as scanned:
        burst("JF000001", stamps, caps=True, suffix="Tab")
    assert scanned.args == ["JF000001"] and _resident(page) == "王小明"
    assert page.residents.search.hasFocus()          # the Tab was the scanner's, not a move


@pytest.mark.parametrize("numlock", [True, False])
def test_keypad_digits_are_digits_with_num_lock_on_or_off(page, stamps, numlock):
    page.cart_panel.code.setFocus()
    burst(RICE, stamps, keypad=True, numlock=numlock)
    assert [line.name for line in page.cart.lines] == ["大米 5kg"]
    assert page.cart_panel.code.text() == ""


def test_a_burst_with_no_suffix_ends_after_a_short_silence(qtbot, page, stamps):
    burst("JF000001", stamps, suffix=None)
    qtbot.waitUntil(lambda: _resident(page) == "王小明", timeout=2000)
    stamps.after(2000)                               # the next customer's goods, two seconds on
    burst(RICE, stamps, gap_ms=40, suffix=None)
    qtbot.waitUntil(lambda: [line.name for line in page.cart.lines] == ["大米 5kg"], timeout=2000)
    assert _resident(page) == "王小明" and page.residents.search.text() == ""


def test_keys_stamped_far_apart_are_typing_though_handled_at_once(counter, page, stamps):
    counter.scanner.clock.step = 0.001               # the window handles them together …
    page.cart_panel.code.setFocus()
    burst(RICE, stamps, gap_ms=150, suffix="Tab")    # … but a person pressed them
    assert page.cart_panel.code.text() == RICE and not page.cart.lines


def test_keys_stamped_close_are_a_scan_though_the_window_was_busy(counter, page, stamps):
    counter.scanner.clock.step = 0.3                 # painting held each key up
    page.cart_panel.code.setFocus()
    burst("JF000001", stamps, gap_ms=30)
    assert _resident(page) == "王小明"


def test_a_scan_at_the_login_page_is_refused_and_never_taken_as_a_pin(qtbot, counter, stamps):
    counter.login.choose("张晓燕")
    counter.login.pin_pad.display.setText("48")      # half a PIN typed by hand
    burst(RICE, stamps)                              # 13 digits into an 8-digit field
    assert counter.session.actor is None
    assert counter.login.pin_pad.display.text() == "48"
    assert "请先登录" in counter.login.feedback.text() and RICE in counter.login.feedback.text()


def test_the_refund_window_takes_a_receipt_and_refuses_a_card(qtbot, counter, page, stamps):
    burst("JF000001", stamps)
    burst(RICE, stamps)
    page.confirm_sale()
    receipt = counter.session.db.scalar("SELECT receipt FROM sale")
    dialog = counter.open_refund("")
    dialog.reason.setFocus()                         # the editable reason box has focus
    reason = dialog.reason.currentText()
    burst("JF000001", stamps)
    assert "不是小票" in dialog.feedback.text() and dialog.reason.currentText() == reason
    burst(receipt.replace("-", ""), stamps)
    assert dialog.receipt.text() == receipt and dialog.chosen() == {1: 1}
    assert dialog.reason.currentText() == reason and counter.dialog is dialog


def test_an_open_drop_down_closes_and_the_scan_goes_through(qtbot, counter, page, stamps):
    dialog = counter.open_refund("")
    qtbot.waitUntil(lambda: dialog.manager.count() > 0)
    chosen = dialog.manager.currentText()
    dialog.manager.setView(QListView())              # a view this test can hand keys to itself
    dialog.manager.showPopup()
    qtbot.waitUntil(lambda: dialog.manager.view().isVisible())
    burst("261103010001", stamps)
    assert not dialog.manager.view().isVisible() and dialog.manager.currentText() == chosen
    assert dialog.receipt.text() == "261103-01-0001"


def test_a_scan_behind_a_dialog_with_a_note_is_refused_not_typed_in(qtbot, counter, page, stamps):
    dialog = QDialog(counter)
    dialog.setWindowTitle("备注")
    note = QPlainTextEdit("门口清扫")
    QVBoxLayout(dialog).addWidget(note)
    dialog.open()
    note.setFocus()
    note.moveCursor(note.textCursor().MoveOperation.End)
    burst("JF000001", stamps)
    assert note.toPlainText() == "门口清扫" and not page.standing
    assert "JF000001" in page.feedback.text() and "备注" in page.feedback.text()
    dialog.reject()


def test_an_unknown_card_is_named_with_what_to_do(page, stamps):
    burst("JF999999", stamps)
    assert "JF999999" in page.feedback.text() and "姓名" in page.feedback.text()
    assert page.feedback.kind == "bad"


def test_code_fields_take_no_input_method_text(counter, page):
    for field in (page.residents.search, page.cart_panel.code, counter.login.pin_pad.display,
                  counter.open_refund("").receipt):
        assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled), field.objectName()
        assert field.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly


def test_an_enter_that_comes_late_after_a_quiet_end_is_the_scanners_own(qtbot, counter, page, stamps):
    burst("JF000001", stamps)
    page.cart_panel.table.setFocus()                 # Enter here would confirm the sale
    burst(RICE, stamps, suffix=None)
    qtbot.waitUntil(lambda: len(page.cart.lines) == 1, timeout=2000)
    press(Qt.Key.Key_Return, "\r", stamp=stamps.after(30))   # held up behind a busy paint
    assert counter.session.db.scalar("SELECT COUNT(*) FROM sale") == 0


def test_the_touchscreen_names_an_unknown_card(qtbot, shop, stamps):
    from kiosk.ui.selfservice.session import SelfServiceSession
    from kiosk.ui.selfservice.window import SelfServiceWindow
    from kiosk.ui.tasks import ImmediateRunner

    window = SelfServiceWindow(SelfServiceSession(shop.db, ImmediateRunner()), "青石村积分超市 · 自助查询")
    qtbot.addWidget(window)
    window.show()
    window.start()
    burst("jf999999", stamps, fallback=window)
    assert "JF999999" in window.home.message.text() and "志愿者" in window.home.message.text()
    burst("JF000001", stamps, gap_ms=20, keypad=True, suffix=None, fallback=window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.resident, timeout=2000)
    assert "王小明" in window.resident.name.text()
    window.close()
