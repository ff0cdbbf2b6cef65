"""Printing after the sale has committed, off the GUI thread; failures offer a reprint."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.i18n import _
from kiosk.ui.system_printer import print_png


def _printer():
    """The printing stack (reportlab, python-escpos) loads on the first receipt, on the
    worker thread, not while the counter starts."""
    from kiosk.services.shop import receipt_printer

    return receipt_printer


class ReceiptJobs(QObject):
    finished = Signal(object)   # services.shop.receipt_printer.PrintOutcome

    def __init__(self, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.last_sale: str | None = None

    def print_sale(self, number: str, copy: bool = False) -> None:
        self.last_sale = number
        self._print(lambda printer, ctx, folder, profile: printer.print_sale(ctx, number, folder, copy, profile),
                    lambda printer, ctx: printer.receipt_png(ctx, number, copy))

    def print_refund(self, refund_id: str) -> None:
        self._print(lambda printer, ctx, folder, profile: printer.print_refund(ctx, refund_id, folder, False, profile),
                    lambda printer, ctx: printer.refund_png(ctx, refund_id))

    def _print(self, print_slip, slip_png) -> None:
        """On the worker: the PDF and the receipt printer; the PNG too when an ordinary printer
        (chosen in settings, or for this session) is to print it through Qt afterwards."""
        folder, profile = self.session.receipts_dir, self.session.printer

        def job():
            printer, ctx = _printer(), self.session.reader()
            chosen = profile or printer.printer_profile(ctx)
            outcome = print_slip(printer, ctx, folder, chosen)
            wanted = chosen.kind == "system" and outcome.ok
            return outcome, slip_png(printer, ctx) if wanted else None

        self.session.runner.run(job, self._done)

    def _done(self, result) -> None:
        """On the GUI thread: an ordinary printer is driven through Qt, then report."""
        outcome, png = result
        if png is not None:
            problem = print_png(png, _("小票 {number}").format(number=outcome.receipt.number))
            if problem:
                outcome = _printer().PrintOutcome(outcome.receipt, outcome.pdf, False, problem)
        self.finished.emit(outcome)
