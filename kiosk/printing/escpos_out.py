"""ESC/POS bytes for a receipt, collected with python-escpos's Dummy printer.

Text mode uses the printer's own Chinese font: ESC @, then FS & (Chinese mode)
before any Chinese, text encoded as GB18030 by us, the number as the printer's
own CODE128 (code set C), FS . and a cut. Raster mode sends the whole receipt
as one GS v 0 image, for printers without a Chinese font.

Every Chinese printer font has GBK; rare characters (𠮷 as four-byte GB18030, 䶮)
are sent as text only when the profile says the font has all of GB18030
(rare_chars). Otherwise, and for emoji, that one line goes as a GS v 0 image drawn
with our fonts: never a '?' or a blank.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kiosk.core.glyphs import is_han
from kiosk.printing.barcode_fit import escpos_code128, module_dots
from kiosk.printing.connection import PrinterProfile, send
from kiosk.printing.errors import PrintingError, failed
from kiosk.printing.paper import Paper, paper_for
from kiosk.printing.receipt_layout import Row, layout

if TYPE_CHECKING:
    from escpos.capabilities import BaseProfile
    from escpos.printer import Dummy

    from kiosk.documents.receipt import Receipt

INIT = b"\x1b@"                                 # ESC @
CHINESE_ON, CHINESE_OFF = b"\x1c&", b"\x1c."    # FS &, FS .
BIG_ON = b"\x1d!\x11\x1c!\x0c"                  # GS ! double w+h; FS ! the same for Chinese
BIG_OFF = b"\x1d!\x00\x1c!\x00"
ALIGN_LEFT = b"\x1ba\x00"
BAR_HEIGHT = 80                                 # dots: 10 mm
ENCODING = "gb18030"

__all__ = ["PrinterProfile", "escpos_bytes", "print_receipt", "raster_bytes", "send", "text_bytes"]


@cache
def _profile_class(width_mm: int) -> type[BaseProfile]:
    """The generic profile with this paper's head width, so image() knows its size."""
    # python-escpos reads its printer database (YAML) on import, a second or so: only when printing
    from escpos.capabilities import BaseProfile, get_profile_class

    paper, base = paper_for(width_mm), get_profile_class("default")
    media = {"dpi": 203, "width": {"mm": paper.printable_mm, "pixels": paper.dots}}
    data = {**base.profile_data, "media": media}
    return type(f"Kiosk{width_mm}Profile", (BaseProfile,), {"profile_data": data})


def _printer(paper: Paper) -> Dummy:
    from escpos.printer import Dummy

    printer = Dummy()
    printer.profile = _profile_class(paper.width_mm)()
    return printer


def code_set_c(digits: str) -> str:
    """'{C' and the digits packed in pairs, one character 0-99 per pair.

    ESC/POS reads CODE128 code set C data as values, not ASCII: sending '2611'
    as text would print the pairs 50 54 49 49.
    """
    if len(digits) % 2 or not digits.isdigit():
        raise ValueError(f"code set C needs an even number of digits: {digits!r}")
    return "{C" + "".join(chr(int(digits[i:i + 2])) for i in range(0, len(digits), 2))


@lru_cache(maxsize=4096)
def _in_gbk(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str, rare_chars: bool = False) -> bool:
    """Whether the printer's own font prints every character of the line."""
    return all(_in_gbk(ch) or (rare_chars and is_han(ch)) for ch in text)


def _line(printer: Dummy, text: str) -> None:
    printer._raw(text.encode(ENCODING) + b"\n")


def _picture_line(printer: Dummy, paper: Paper, row: Row) -> None:
    from kiosk.printing.raster import render_row

    printer.image(render_row(row, paper.width_mm), impl="bitImageRaster")


def _barcode(printer: Dummy, paper: Paper, row: Row) -> None:
    # The hardware path of barcode(); calling it directly skips barcode()'s print()
    # to stdout and its fallback to a software image on some profiles.
    printer._hw_barcode(escpos_code128(row.left), "CODE128", height=BAR_HEIGHT,
                        width=module_dots(paper, row.left), pos="OFF", align_ct=True, function_type="B")
    printer._raw(b"\n" + ALIGN_LEFT)
    _line(printer, row.text(paper.columns))


def _text_row(printer: Dummy, paper: Paper, row: Row, rare_chars: bool) -> None:
    if row.kind == "barcode":
        _barcode(printer, paper, row)
    elif not printable(row.text(paper.columns), rare_chars):
        _picture_line(printer, paper, row)
    elif row.kind == "title":
        printer._raw(BIG_ON)
        _line(printer, row.text(paper.columns))
        printer._raw(BIG_OFF)
    else:
        _line(printer, row.text(paper.columns))


def text_bytes(receipt: Receipt, width_mm: int = 58, lang: str = "zh",
               rare_chars: bool = False) -> bytes:
    """Text mode: the printer's own Chinese font and its own CODE128; a line it cannot
    print (rare characters on a GBK-only font, emoji) as an image."""
    paper = paper_for(width_mm)
    printer = _printer(paper)
    printer._raw(INIT + CHINESE_ON)
    for row in layout(receipt, paper.columns, lang):
        _text_row(printer, paper, row, rare_chars)
    printer._raw(CHINESE_OFF)
    printer.cut()
    return printer.output


def rows_bytes(rows: list[Row], width_mm: int = 58, rare_chars: bool = False) -> bytes:
    """Any slip already laid out as rows (a thank-you slip), in text mode."""
    paper = paper_for(width_mm)
    printer = _printer(paper)
    printer._raw(INIT + CHINESE_ON)
    for row in rows:
        _text_row(printer, paper, row, rare_chars)
    printer._raw(CHINESE_OFF)
    printer.cut()
    return printer.output


def raster_bytes(receipt: Receipt, width_mm: int = 58, lang: str = "zh") -> bytes:
    """Raster mode: the receipt drawn with our CJK font, sent as GS v 0 images."""
    from kiosk.printing.raster import render_image

    paper = paper_for(width_mm)
    printer = _printer(paper)
    printer._raw(INIT)
    printer.image(render_image(receipt, width_mm, lang), impl="bitImageRaster")
    printer.cut()
    return printer.output


def escpos_bytes(receipt: Receipt, width_mm: int = 58, mode: str = "text",
                 lang: str = "zh", rare_chars: bool = False) -> bytes:
    if mode not in ("text", "raster"):
        raise ValueError(f"mode must be 'text' or 'raster', not {mode!r}")
    if mode == "raster":
        return raster_bytes(receipt, width_mm, lang)
    return text_bytes(receipt, width_mm, lang, rare_chars)


def print_receipt(receipt: Receipt, profile: PrinterProfile, lang: str = "zh") -> None:
    """Render for the profile's paper and mode and send; raises only PrintingError."""
    if profile.kind == "none":
        return
    try:
        data = escpos_bytes(receipt, profile.paper, profile.mode, lang, profile.rare_chars)
    except PrintingError:
        raise
    except Exception as exc:    # the sale is committed: say so and offer a reprint
        raise failed(f"{type(exc).__name__}: {exc}") from exc
    send(data, profile)
