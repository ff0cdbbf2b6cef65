"""ESC/POS bytes: Chinese mode before Chinese text, GB18030, the printer's CODE128, a cut."""

from __future__ import annotations

import pytest

from kiosk.printing.escpos_out import code_set_c, escpos_bytes, raster_bytes, text_bytes
from kiosk.printing.raster import render_image
from tests.printing import receipts
from tests.printing.helpers import RASTER, decoded, raster_image

CHINESE_ON, CUT, BARCODE = b"\x1c\x26", b"\x1dV", b"\x1dk"


def gb(text: str) -> bytes:
    return text.encode("gb18030")


@pytest.mark.parametrize("width_mm", [58, 80])
def test_text_mode_switches_to_chinese_before_the_first_chinese(width_mm):
    data = text_bytes(receipts.sale(), width_mm)
    assert data.startswith(b"\x1b@" + CHINESE_ON)
    assert data.index(CHINESE_ON) < data.index(gb(receipts.SHOP))
    for name in (receipts.SHOP, receipts.RESIDENT, receipts.RICE, receipts.SOAP, receipts.FOOTER):
        assert gb(name) in data
    assert receipts.RESIDENT.encode("utf-8") not in data


def test_shop_name_is_printed_double_size():
    data = text_bytes(receipts.sale())
    assert data.index(b"\x1d!\x11") < data.index(gb(receipts.SHOP)) < data.index(b"\x1d!\x00")


def test_text_mode_ends_with_leaving_chinese_mode_and_a_cut():
    data = text_bytes(receipts.sale())
    assert data.rindex(b"\x1c.") < data.rindex(CUT)
    assert data.endswith(CUT + b"\x00")


def _barcode_payload(data: bytes) -> bytes:
    start = data.index(BARCODE + b"I")          # GS k 73: CODE128, function type B
    length = data[start + 3]
    return data[start + 4:start + 4 + length]


def test_barcode_is_the_printers_code128_in_code_set_c():
    payload = _barcode_payload(text_bytes(receipts.sale()))
    assert payload[:2] == b"{C"
    digits = "".join(f"{value:02d}" for value in payload[2:])
    assert digits == receipts.sale().barcode == "261122010007"


def test_barcode_text_under_it_is_the_receipt_number():
    data = text_bytes(receipts.sale())
    assert data.index(b"261122-01-0007", data.index(BARCODE)) > data.index(BARCODE)


def test_code_set_c_packs_pairs_and_refuses_odd_lengths():
    assert code_set_c("0099") == "{C\x00\x63"
    with pytest.raises(ValueError):
        code_set_c("123")


def test_refund_and_copy_in_text_mode():
    assert gb("退货单") in text_bytes(receipts.refund())
    assert gb("重打") in text_bytes(receipts.sale(copy=True))


@pytest.mark.parametrize("width_mm, dots", [(58, 384), (80, 576)])
def test_raster_mode_is_one_image_and_no_text(width_mm, dots):
    data = raster_bytes(receipts.sale(), width_mm)
    assert RASTER in data and data.endswith(CUT + b"\x00")
    assert CHINESE_ON not in data and BARCODE not in data
    for name in (receipts.SHOP, receipts.RESIDENT, receipts.RICE):
        assert gb(name) not in data
    assert raster_image(data).width == dots


@pytest.mark.parametrize("width_mm", [58, 80])
def test_raster_barcode_scans_from_the_bytes_sent(width_mm):
    data = escpos_bytes(receipts.long_names(), width_mm, mode="raster")
    assert decoded(raster_image(data)) == ["261122010007"]


def test_raster_image_is_one_bit_and_head_wide():
    image = render_image(receipts.sale(copy=True), 58)
    assert image.mode == "1" and image.width == 384
    assert decoded(image) == ["261122010007"]


def test_unknown_mode_is_a_programming_error():
    with pytest.raises(ValueError):
        escpos_bytes(receipts.sale(), mode="pdf")
