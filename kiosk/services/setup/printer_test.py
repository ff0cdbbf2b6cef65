"""A test page on the printer as typed on screen, before or after it is saved.

The first-run wizard has no village yet, and the settings screen tests what
the manager has typed before saving, so both build a sample receipt here and
send it through the same printing code as a real sale.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from kiosk.config import PRINTER_SETTINGS, RECEIPT_FOOTER, SHOP_NAME
from kiosk.core.clock import Clock, SystemClock, stamp
from kiosk.core.points import Points
from kiosk.i18n import _, current_lang
from kiosk.printing import PrintingError
from kiosk.printing.connection import PrinterProfile
from kiosk.services.setup import settings
from kiosk.services.context import Context
from kiosk.services.shop.receipts import Receipt, ReceiptLine, default_shop_name


@dataclass(frozen=True)
class PrinterTest:
    ok: bool
    text: str                  # what to tell the manager
    png: bytes | None = None   # an ordinary printer: the page the screen sends through the system dialog


def profile_from(typed: dict[str, object]) -> PrinterProfile:
    """The printer profile for typed printer.* values (checked like any setting)."""
    texts = settings.checked({s.key: typed.get(s.key, s.default) for s in PRINTER_SETTINGS})
    return PrinterProfile.from_settings({key.split(".", 1)[1]: text for key, text in texts.items()})


def sample_receipt(village: str, currency: str, operator: str, shop: str = "", footer: str = "",
                   clock: Clock | None = None) -> Receipt:
    line = ReceiptLine("打印测试 大米 5kg", 1, Points(5000), Points(5000))
    return Receipt("sale", village, shop or default_shop_name(village), currency, "000000-00-0000",
                   stamp((clock or SystemClock()).now()), operator, "测试页 TEST", "—", (line,),
                   Points(5000), Points(10000), Points(5000), footer)


def for_shop(ctx: Context, typed: dict[str, object]) -> PrinterTest:
    """The settings screen: the village's own name and footer on the typed printer."""
    shop = str(typed.get(SHOP_NAME.key, "") or settings.value(ctx, SHOP_NAME))
    footer = str(typed.get(RECEIPT_FOOTER.key, "") or settings.value(ctx, RECEIPT_FOOTER))
    receipt = sample_receipt(ctx.village.name, ctx.village.currency, ctx.actor.name, shop, footer, ctx.clock)
    return run(receipt, profile_from(typed))


def run(receipt: Receipt, profile: PrinterProfile) -> PrinterTest:
    lang = current_lang()
    if profile.kind == "none":
        return PrinterTest(True, _("没有接小票打印机：每张小票都存成 PDF 文件，需要时可以从普通打印机打出来。"))
    if profile.kind == "system":
        from kiosk.printing.raster import render_image

        buffer = io.BytesIO()
        render_image(receipt, profile.paper, lang).save(buffer, format="PNG")
        return PrinterTest(True, _("测试页已送到普通打印机。"),
                           buffer.getvalue())
    from kiosk.printing.escpos_out import print_receipt

    try:
        print_receipt(receipt, profile, lang)
    except PrintingError as exc:
        return PrinterTest(False, exc.message(lang))
    return PrinterTest(True, _("测试页已送到打印机。请看字是否清楚、纸是否切好。"))
