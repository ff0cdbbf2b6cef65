"""Rare characters and emoji on an ESC/POS receipt printer: four-byte GB18030 text only
where the profile says the font has it, otherwise that one line as a GS v 0 image;
never a '?' or a blank. Column widths count them right."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageDraw

from kiosk.printing.connection import PrinterProfile
from kiosk.printing.escpos_out import printable, text_bytes
from kiosk.printing.fonts import pil_font
from kiosk.printing.raster import draw_text, render_image, render_row
from kiosk.printing.receipt_layout import Row
from kiosk.printing.text_width import char_width, ljust, width
from tests.printing import receipts
from tests.printing.helpers import RASTER, raster_image

RARE = "王𠮷祥"
EXT_B_BYTES = "𠮷".encode("gb18030")        # 95 34 B2 35: four bytes


def gb(text: str) -> bytes:
    return text.encode("gb18030")


def _text_part(data: bytes) -> str:
    """The bytes outside the GS v 0 images, read back as GB18030."""
    kept, start = b"", 0
    while (found := data.find(RASTER, start)) >= 0:
        head = data[found + 4:found + 8]
        kept += data[start:found]
        start = found + 8 + (head[0] + 256 * head[1]) * (head[2] + 256 * head[3])
    return (kept + data[start:]).decode("gb18030", errors="replace")


def test_a_full_gb18030_printer_gets_the_four_byte_code_as_text():
    data = text_bytes(receipts.sale(resident=RARE), rare_chars=True)
    assert len(EXT_B_BYTES) == 4 and gb(RARE) in data
    assert RASTER not in data
    assert RARE in _text_part(data) and "?" not in _text_part(data).replace("\ufffd", "")


@pytest.mark.parametrize("width_mm", [58, 80])
def test_a_gbk_printer_gets_that_line_as_an_image_and_the_rest_as_text(width_mm):
    data = text_bytes(receipts.sale(resident=RARE), width_mm)
    assert EXT_B_BYTES not in data and b"?" not in data.split(RASTER)[0]
    assert data.count(RASTER) == 1
    text = _text_part(data)
    assert receipts.SHOP in text and receipts.RICE in text     # the other lines stay text
    assert RARE not in text and "村民" not in text     # the whole row is in the picture
    picture = raster_image(data)
    assert picture.width == {58: 384, 80: 576}[width_mm]
    assert picture.getbbox() is not None and ImageChops.invert(picture).getbbox() is not None


def test_ext_a_is_not_in_gbk_and_goes_as_an_image_too():
    assert not printable("刘䶮") and printable("刘䶮", rare_chars=True)
    assert printable("李堃 张喆 ×：“”")           # in GBK: every Chinese printer has them
    data = text_bytes(receipts.sale(resident="刘䶮"))
    assert data.count(RASTER) == 1 and gb("刘䶮") not in data


def test_an_emoji_in_a_note_goes_as_an_image_even_on_a_full_font():
    assert not printable("谢谢😀", rare_chars=True)
    data = text_bytes(receipts.sale(footer="谢谢惠顾😀"), rare_chars=True)
    assert data.count(RASTER) == 1 and "😀" not in _text_part(data)


def _drawn(draw_with) -> Image.Image:
    image = Image.new("L", (48, 48), 255)
    draw_with(ImageDraw.Draw(image))
    return image


def test_the_line_image_shows_the_rare_glyph_not_an_empty_box():
    """𠮷 from the fallback font differs from the main font's empty box (.notdef) and from 吉."""
    rare, common = render_row(Row("text", "村民：王𠮷祥")), render_row(Row("text", "村民：王吉祥"))
    assert ImageChops.difference(rare.convert("L"), common.convert("L")).getbbox() is not None
    box = _drawn(lambda d: d.text((0, 40), "𠮷", font=pil_font(24), fill=0, anchor="ls"))
    glyph = _drawn(lambda d: draw_text(d, 0, 40, "𠮷", 24))
    assert glyph.getbbox() is not None
    assert ImageChops.difference(box, glyph).getbbox() is not None
    assert render_image(receipts.sale(resident=RARE)).getbbox() is not None


def test_profile_reads_the_rare_chars_setting():
    assert PrinterProfile.from_settings({"rare_chars": "1", "paper": "80"}).rare_chars is True
    assert PrinterProfile.from_settings({"rare_chars": "0"}).rare_chars is False
    assert PrinterProfile().rare_chars is False


@pytest.mark.parametrize(("text", "columns"), [
    ("王𠮷祥", 6), ("刘䶮", 4), ("李堃", 4), ("abc", 3), ("e\u0301", 1), ("张👨\u200d👩", 6),
    ("☀\ufe0f", 2), ("\U0002a6a5", 2),
])
def test_column_widths(text, columns):
    assert width(text) == columns


def test_a_rare_name_pads_to_the_same_column_as_a_common_one():
    assert width(ljust(RARE, 10)) == width(ljust("王小明", 10)) == 10
    assert char_width("𠮷") == char_width("王") == 2
