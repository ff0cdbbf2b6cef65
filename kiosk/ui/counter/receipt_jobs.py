"""Printing after the sale has committed, off the GUI thread; failures offer a reprint."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.ui.system_printer import print_png


def _printer():
    """The printing stack (reportlab, python-escpos) loads on the first receipt, on the
    worker thread, not while the counter starts."""
    from kiosk.services import receipt_printer

    return receipt_printer


class ReceiptJobs(QObject):
    finished = Signal(object)   # services.receipt_printer.PrintOutcome

    def __init__(self, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.last_sale: str | None = None

    def print_sale(self, number: str, copy: bool = False) -> None:
        self.last_sale = number
        folder, profile = self.session.receipts_dir, self.session.printer

        def job():
            printer = _printer()
            outcome = printer.print_sale(self.session.reader(), number, folder, copy, profile)
            wanted = profile is not None and profile.kind == "system" and outcome.ok
            return outcome, printer.receipt_png(self.session.reader(), number, copy) if wanted else None

        self.session.runner.run(job, self._done)

    def print_refund(self, refund_id: str) -> None:
        folder, profile = self.session.receipts_dir, self.session.printer
        self.session.runner.run(
            lambda: (_printer().print_refund(self.session.reader(), refund_id, folder, False, profile),
                     None),
            self._done)

    def _done(self, result) -> None:
        """On the GUI thread: an ordinary printer is driven through Qt, then report."""
        outcome, png = result
        if png is not None:
            problem = print_png(png, f"小票 {outcome.receipt.number}")
            if problem:
                outcome = _printer().PrintOutcome(outcome.receipt, outcome.pdf, False, problem)
        self.finished.emit(outcome)
