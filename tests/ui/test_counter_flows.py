"""Whole exchanges at the counter, by scanner and by touch, as a volunteer works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.conftest import give
from tests.ui.conftest import log_in, scan


def _sales(shop) -> int:
    return shop.db.scalar("SELECT COUNT(*) FROM sale")


def rice_in_cart(qtbot, counter, shop) -> None:
    """王小明 has 60 points and 大米 5kg (50) is in the cart, at a volunteer's counter."""
    give(shop, "JF000001", 12)
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")
    scan(qtbot, counter, "6901234567892")


def test_login_shows_the_operator_and_the_exchange_page(qtbot, counter):
    log_in(qtbot, counter, "张晓燕", "4826")
    assert counter.pages.currentWidget() is counter.exchange
    assert "张晓燕" in counter.operator.text() and counter.operator.isVisible()


def test_whole_exchange_by_scanner_and_keyboard(qtbot, counter, shop):
    give(shop, "JF000001", 12)                       # 60 points
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")                 # the resident's card
    assert counter.exchange.standing.resident.name == "王小明"
    scan(qtbot, counter, "6901234567892")            # 大米 5kg, 50 points
    assert [line.name for line in counter.exchange.cart.lines] == ["大米 5kg"]
    qtbot.keyClick(counter.exchange, Qt.Key.Key_F12)
    assert _sales(shop) == 1
    assert counter.exchange.cart.lines == [] and counter.exchange.standing is None
    assert "兑换成功" in counter.exchange.feedback.text() and "余额 10 分" in counter.exchange.feedback.text()


def test_whole_exchange_by_touch(qtbot, counter, shop):
    give(shop, "JF000001", 2)                        # 10 points
    log_in(qtbot, counter, "张晓燕", "4826")
    page = counter.exchange
    qtbot.keyClicks(page.residents.search, "wxm")
    page.residents._suggest()                        # what the typing pause would do
    names = [page.residents.suggestions.item(i).text() for i in range(page.residents.suggestions.count())]
    assert any("王小明" in n for n in names) and any("王晓明" in n for n in names)
    item = next(page.residents.suggestions.item(i) for i in range(len(names)) if "王小明" in names[i])
    rect = page.residents.suggestions.visualItemRect(item)
    qtbot.mouseClick(page.residents.suggestions.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.standing.resident.name == "王小明"
    soap = next(b for code, b in page.goods.buttons.items() if "香皂" in b.text())
    qtbot.mouseClick(soap, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.cart_panel.findChild(QPushButton, "cart_plus"), Qt.MouseButton.LeftButton)
    assert page.cart.lines[0].qty == 2 and str(page.cart.total()) == "11"
    assert not page.confirm.isEnabled()              # 11 > 10: marked before confirming
    assert "还差 1 分" in page.cart_panel.totals.text()
    qtbot.mouseClick(page.cart_panel.findChild(QPushButton, "cart_minus"), Qt.MouseButton.LeftButton)
    assert page.confirm.isEnabled()
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert _sales(shop) == 1
    assert shop.db.scalar("SELECT balance_after FROM sale") == 450


def test_a_scan_while_typing_in_another_field_loses_nothing(qtbot, counter, shop):
    give(shop, "JF000001", 12)
    log_in(qtbot, counter, "张晓燕", "4826")
    page = counter.exchange
    scan(qtbot, counter, "JF000001")
    page.residents.search.setFocus()
    counter.scanner.clock.step = 0.3                 # a person typing
    qtbot.keyClicks(page.residents.search, "wang")
    counter.scanner.clock.pause(1.0)
    counter.scanner.clock.step = 0.004               # the scanner fires mid-word
    scan(qtbot, counter, "6901234567892")
    assert [line.name for line in page.cart.lines] == ["大米 5kg"]
    assert page.residents.search.text() == "wang"    # the burst was taken back out


def test_slow_typing_with_enter_is_not_a_scan(qtbot, counter, shop):
    log_in(qtbot, counter, "张晓燕", "4826")
    page = counter.exchange
    counter.scanner.clock.step = 0.2
    page.cart_panel.code.setFocus()
    qtbot.keyClicks(page.cart_panel.code, "6901234567892")
    qtbot.keyClick(page.cart_panel.code, Qt.Key.Key_Return)  # the code field's own Enter
    assert [line.name for line in page.cart.lines] == ["大米 5kg"]  # added once, not twice


def test_not_enough_points_is_said_with_the_shortfall(qtbot, counter, shop):
    give(shop, "JF000001", 1)                        # 5 points
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")
    scan(qtbot, counter, "6901234567892")
    page = counter.exchange
    assert page.feedback.kind == "warn" and "还差 45 分" in page.feedback.text()
    assert not page.confirm.isEnabled()
    page.confirm_sale()                              # F12 anyway: the service refuses
    assert _sales(shop) == 0 and page.feedback.kind == "bad" and "还差 45 分" in page.feedback.text()


def test_unknown_barcode_and_out_of_stock_are_said_plainly(qtbot, counter, shop):
    give(shop, "JF000001", 12)
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")
    scan(qtbot, counter, "6900000000005")
    assert counter.exchange.feedback.kind == "bad" and "不认识的条码" in counter.exchange.feedback.text()
    for _ in range(4):
        scan(qtbot, counter, "6920000000012")       # 牙膏: 3 on the shelf
    assert counter.exchange.cart.lines[0].qty == 3
    assert "没货了" in counter.exchange.feedback.text()


def test_resident_on_hold_cannot_exchange(qtbot, counter, shop):
    give(shop, "JF000001", 12)
    shop.db.execute("UPDATE account SET hold_reason = '乡镇核查透支'")
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")
    scan(qtbot, counter, "6901234567892")
    assert not counter.exchange.confirm.isEnabled()
    assert "乡镇核查透支" in counter.exchange.residents.hold.text()


def test_wrong_pins_lock_the_operator(qtbot, counter):
    for _ in range(4):
        log_in(qtbot, counter, "张晓燕", "0000")
        assert "密码不对" in counter.login.feedback.text()
    log_in(qtbot, counter, "张晓燕", "0000")
    assert "锁定" in counter.login.feedback.text()
    log_in(qtbot, counter, "张晓燕", "4826")         # even the right PIN, for now
    assert counter.pages.currentWidget() is counter.login


def test_idle_lock_returns_to_login_and_clears_the_cart(qtbot, counter, shop):
    rice_in_cart(qtbot, counter, shop)
    counter.idle.timeout.emit()                      # what ten quiet minutes do
    assert counter.pages.currentWidget() is counter.login
    assert counter.session.actor is None and counter.exchange.cart.lines == []
    assert not counter.operator.isVisible()
    assert _sales(shop) == 0


def test_refund_with_a_managers_pin(qtbot, counter, shop):
    rice_in_cart(qtbot, counter, shop)
    counter.exchange.confirm_sale()
    receipt = shop.db.scalar("SELECT receipt FROM sale")
    scan(qtbot, counter, receipt.replace("-", ""))    # the receipt's barcode opens the refund
    dialog = counter.dialog
    assert dialog.receipt.text() == receipt and dialog.chosen() == {1: 1}
    dialog.reason.setCurrentText("包装破损，退回")
    dialog.manager.setCurrentText("刘建军")
    with qtbot.waitSignal(counter.refunded):
        for digit in "2580":
            dialog.pin_pad.press(digit)
        dialog.pin_pad._submit()
    assert shop.db.scalar("SELECT COUNT(*) FROM refund") == 1
    assert "已退货" in counter.exchange.feedback.text()


def test_refund_refused_for_a_volunteers_pin(qtbot, counter, shop):
    rice_in_cart(qtbot, counter, shop)
    counter.exchange.confirm_sale()
    dialog = counter.open_refund(shop.db.scalar("SELECT receipt FROM sale"))
    dialog.manager.clear()
    dialog.manager.addItem("张晓燕")
    for digit in "4826":
        dialog.pin_pad.press(digit)
    dialog.pin_pad._submit()
    assert shop.db.scalar("SELECT COUNT(*) FROM refund") == 0
    assert "不能退货退分" in dialog.feedback.text()


def test_refund_of_an_unknown_receipt_says_what_to_do(qtbot, counter, shop):
    log_in(qtbot, counter, "张晓燕", "4826")
    dialog = counter.open_refund("261205-01-0099")
    said = dialog.feedback.text()
    assert "找不到小票“261205-01-0099”" in said and "请核对小票号" in said and "扫小票上的条码" in said


def test_refund_window_closes_with_a_tap_and_refunds_nothing(qtbot, counter, shop):
    from PySide6.QtWidgets import QPushButton

    rice_in_cart(qtbot, counter, shop)
    counter.exchange.confirm_sale()
    dialog = counter.open_refund(shop.db.scalar("SELECT receipt FROM sale"))
    close = dialog.findChild(QPushButton, "refund_close")
    assert close is not None and close.text() == "关闭"
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert shop.db.scalar("SELECT COUNT(*) FROM refund") == 0


def test_shift_summary_counts_the_day(qtbot, counter, shop):
    rice_in_cart(qtbot, counter, shop)
    counter.exchange.confirm_sale()
    dialog = counter.open_shift()
    text = dialog.text.toPlainText()
    assert "兑换 1 单" in text and "用去 50 分" in text and "张晓燕" in text and "大米 5kg" in text


def test_a_sale_saves_its_receipt_pdf(qtbot, counter, shop, tmp_path):
    rice_in_cart(qtbot, counter, shop)
    with qtbot.waitSignal(counter.jobs.finished) as printed:
        counter.exchange.confirm_sale()
    outcome = printed.args[0]
    assert outcome.ok and outcome.pdf.exists() and outcome.pdf.parent.parent == tmp_path / "receipts"
    assert counter.exchange.reprint.isVisible()


def test_printer_failure_after_commit_keeps_the_sale_and_offers_a_reprint(qtbot, counter, shop):
    from kiosk.printing.connection import PrinterProfile

    counter.session.printer = PrinterProfile(kind="network", host="127.0.0.1", port=9, timeout=0.5)
    rice_in_cart(qtbot, counter, shop)
    with qtbot.waitSignal(counter.jobs.finished) as printed:
        counter.exchange.confirm_sale()
    assert _sales(shop) == 1                                   # the sale stands
    assert not printed.args[0].ok and printed.args[0].pdf.exists()
    assert counter.exchange.feedback.kind == "warn"
    assert "兑换已记账" in counter.exchange.feedback.text() and "打印机" in counter.exchange.feedback.text()
    counter.session.printer = PrinterProfile(kind="none")
    with qtbot.waitSignal(counter.jobs.finished) as again:
        qtbot.mouseClick(counter.exchange.reprint, Qt.MouseButton.LeftButton)
    assert again.args[0].ok and again.args[0].receipt.copy       # marked 重打 / COPY
    assert again.args[0].pdf.name.endswith("-copy.pdf")


def test_shift_summary_prints_to_pdf_without_a_printer(qtbot, counter, shop):
    dialog = counter.open_shift()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.saved.exists() and dialog.saved.read_bytes().startswith(b"%PDF")
    assert str(dialog.saved) in dialog.status.text()


def test_enter_confirms_when_no_text_field_takes_it(qtbot, counter, shop):
    give(shop, "JF000001", 12)
    log_in(qtbot, counter, "张晓燕", "4826")
    scan(qtbot, counter, "JF000001")
    page = counter.exchange
    page.cart_panel.code.setFocus()
    counter.scanner.clock.step = 0.2                 # typed by hand into the code field
    qtbot.keyClicks(page.cart_panel.code, "6901234567892")
    qtbot.keyClick(page.cart_panel.code, Qt.Key.Key_Return)
    assert _sales(shop) == 0 and len(page.cart.lines) == 1   # that Enter added, not sold
    page.confirm.setFocus()
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    assert _sales(shop) == 1


def test_cart_model_is_a_well_behaved_qt_model(qtmodeltester, counter, shop):
    from kiosk.core.points import Points

    counter.exchange.cart.add("p1", "大米 5kg", Points.parse(50), 2)
    counter.exchange.cart.add("p2", "香皂", Points.parse("5.5"), 1)
    model = counter.exchange.cart_panel.model
    model.set_cart(counter.exchange.cart, Points.parse(60))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.data(model.index(1, 3)) == "5.5"


def test_the_counter_backs_up_when_it_starts_and_closes(qapp, shop, db_path):
    from kiosk.ui.app import _close, counter_window
    from kiosk.ui.tasks import ImmediateRunner

    window = counter_window(db_path, runner=ImmediateRunner(), backup=True)
    made = sorted(p.name for p in (db_path.parent / "backups").iterdir())
    assert len(made) == 1 and made[0].endswith("-start.sqlite")
    window.close()
    _close(qapp, window, backup=True)
    made = sorted(p.name for p in (db_path.parent / "backups").iterdir())
    assert sorted(name.rsplit("-", 1)[1] for name in made) == ["close.sqlite", "start.sqlite"]
