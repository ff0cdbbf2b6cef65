"""Printing a committed sale or refund: the PDF always, the thermal printer if there is one.

A printer that is off, unplugged or out of paper never loses or blocks a sale:
the sale is already in the books, the PDF is kept, and the outcome says what
went wrong so the counter can offer to print again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.i18n import current_lang, message
from kiosk.printing import PrintingError
from kiosk.printing.connection import PrinterProfile
from kiosk.printing.escpos_out import print_receipt
from kiosk.printing.raster import render_image
from kiosk.printing.receipt_pdf import save_pdf
from kiosk.services.shop import receipts
from kiosk.services.context import Context
from kiosk.services.setup import settings

PRINTER_KEYS = tuple(PrinterProfile.__dataclass_fields__)


@dataclass(frozen=True)
class PrintOutcome:
    receipt: receipts.Receipt
    pdf: Path | None
    printed: bool
    problem: str = ""        # what to tell the volunteer; empty when all went well

    @property
    def ok(self) -> bool:
        return not self.problem


def printer_profile(ctx: Context) -> PrinterProfile:
    """The receipt printer from settings (printer.kind, printer.host …); 'none' by default."""
    found = settings.values(ctx, "printer.")
    try:
        return PrinterProfile.from_settings({k.split(".", 1)[1]: v for k, v in found.items()
                                             if k.split(".", 1)[1] in PRINTER_KEYS})
    except (TypeError, ValueError):
        return PrinterProfile()


def print_sale(ctx: Context, number: str, folder: Path | None, copy: bool = False,
               profile: PrinterProfile | None = None) -> PrintOutcome:
    return print_slip(ctx, receipts.for_sale(ctx, number, copy), folder, profile)


def print_refund(ctx: Context, refund_id: str, folder: Path | None, copy: bool = False,
                 profile: PrinterProfile | None = None) -> PrintOutcome:
    return print_slip(ctx, receipts.for_refund(ctx, refund_id, copy), folder, profile)


def print_slip(ctx: Context, receipt: receipts.Receipt, folder: Path | None,
               profile: PrinterProfile | None = None) -> PrintOutcome:
    """Any slip: its PDF beside the other receipts, and the thermal printer if there is one."""
    profile = profile or printer_profile(ctx)
    lang = current_lang()
    pdf, problems = None, []
    if folder is not None:
        try:
            pdf = save_pdf(receipt, folder, profile.paper, lang)
        except (OSError, PrintingError) as exc:
            problems.append(message("print_pdf_failed", detail=str(exc)))
    printed = False
    if profile.kind not in ("none", "system"):
        try:
            print_receipt(receipt, profile, lang)
            printed = True
        except PrintingError as exc:
            problems.append(exc.message(lang))
    return PrintOutcome(receipt, pdf, printed, "；".join(problems))


def receipt_png(ctx: Context, number: str, copy: bool = False, width_mm: int = 80) -> bytes:
    """The receipt as a PNG, for an ordinary printer through the system print dialog."""
    return _png(receipts.for_sale(ctx, number, copy), width_mm)


def refund_png(ctx: Context, refund_id: str, width_mm: int = 80) -> bytes:
    """The refund slip as a PNG, for an ordinary printer."""
    return _png(receipts.for_refund(ctx, refund_id, False), width_mm)


def _png(slip: receipts.Receipt, width_mm: int) -> bytes:
    import io

    image = render_image(slip, width_mm, current_lang())
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def receipt_file(ctx: Context, number: str, target: Path, form: str = "pdf", paper: int = 58,
                 copy: bool = False) -> receipts.Receipt:
    """Write a sale's receipt or a refund slip (by its 退… number) as a PDF, or ESC/POS bytes
    in text or raster form."""
    from kiosk.printing.atomic import write_atomic
    from kiosk.printing.escpos_out import escpos_bytes
    from kiosk.printing.receipt_pdf import render_pdf

    slip = receipts.for_number(ctx, number, copy)
    lang = current_lang()
    if form == "pdf":
        data = render_pdf(slip, paper, lang)
    else:       # rare characters as text only where the printer's font has them
        data = escpos_bytes(slip, paper, form, lang, printer_profile(ctx).rare_chars)
    write_atomic(Path(target), data)
    return slip
