"""An ordinary printer through Qt: the receipt image reaches the page."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter

from kiosk.services import checkout, receipt_printer
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
