"""Donations (捐赠入库): the public notice (爱心捐赠公示) and the donor's thank-you slip."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.services.stock import deliveries
from kiosk.services.context import Context
from kiosk.services.shop.receipts import shop_name


def donation(ctx: Context, number: str) -> deliveries.Delivery:
    """A delivery from a donor, by its receiving-note number; refused if it was not a gift."""
    found = deliveries.find(ctx, number)
    if not found.donation:
        raise Refused("delivery_not_donation", number=found.number,
                      supplier=found.supplier or found.source)
    return found


def save_notice(ctx: Context, number: str, path: Path | str) -> Path:
    from kiosk.printing import donation_pdf
    from kiosk.printing.atomic import write_atomic

    data = donation_pdf.notice(donation(ctx, number), shop_name(ctx))
    write_atomic(Path(path), data)
    return Path(path)


def save_thanks(ctx: Context, number: str, path: Path | str, width_mm: int = 58) -> Path:
    """The thank-you slip as ESC/POS bytes (for the receipt printer, or a file)."""
    from kiosk.printing import donation_pdf
    from kiosk.printing.atomic import write_atomic

    write_atomic(Path(path), donation_pdf.thanks_escpos(donation(ctx, number), shop_name(ctx), width_mm))
    return Path(path)
