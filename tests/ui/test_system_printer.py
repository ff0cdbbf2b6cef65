"""An ordinary printer through Qt: the receipt image reaches the page."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter

from kiosk.services.shop import checkout, receipt_printer
from kiosk.ui.system_printer import print_png
from tests.conftest import give


def test_receipt_image_prints_through_qt(qapp, shop, tmp_path):
    give(shop, "JF000001", 12)
    sale = checkout.redeem_items(shop, "JF000001", ["6901234567892"])
    png = receipt_printer.receipt_png(shop, sale.receipt)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "system.pdf"))
    assert print_png(png, f"小票 {sale.receipt}", printer) == ""
    assert (tmp_path / "system.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "system.pdf").stat().st_size > 2000  # an image, not an empty page


def test_an_ordinary_printer_chosen_in_settings_prints_sales_and_refunds(qapp, shop, tmp_path, monkeypatch):
    """The printer set in settings is used even when the session holds no profile of its own."""
    from kiosk.services.setup import settings
    from kiosk.services.shop import refunds
    from kiosk.ui.counter import receipt_jobs
    from kiosk.ui.counter_session import CounterSession
    from kiosk.ui.tasks import ImmediateRunner

    settings.change(shop, {"printer.kind": "system"})
    printed = []
    monkeypatch.setattr(receipt_jobs, "print_png", lambda png, title: printed.append((png[:8], title)) or "")
    give(shop, "JF000001", 12)
    sale = checkout.redeem_items(shop, "JF000001", ["6901234567892"])
    session = CounterSession(shop.db, ImmediateRunner(), clock=shop.clock, receipts_dir=tmp_path)
    jobs = receipt_jobs.ReceiptJobs(session)
    outcomes = []
    jobs.finished.connect(outcomes.append)
    jobs.print_sale(sale.receipt)
    refund = refunds.refund(shop, sale.receipt, reason="拿错了商品")
    jobs.print_refund(refund.id)
    assert [title for _, title in printed] == [f"小票 {sale.receipt}", f"小票 退{sale.receipt}-1"]
    assert all(png == b"\x89PNG\r\n\x1a\n" for png, _ in printed)
    assert [o.ok for o in outcomes] == [True, True]
