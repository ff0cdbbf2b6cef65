"""Refund slips have their own number and a T-code that fits 58 mm; reprints mark 已退."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.printing.barcode_fit import code_modules, escpos_code128, module_dots
from kiosk.printing.escpos_out import text_bytes
from kiosk.printing.paper import QUIET_MODULES, paper_for
from kiosk.printing.receipt_layout import layout
from kiosk.printing.receipt_pdf import pdf_path, render_pdf
from tests.printing import receipts
from tests.printing.helpers import decoded, pdf_at_printer_dpi, pdf_text

SLIP = "退261122-01-0007-2"
BARCODE = b"\x1dkI"          # GS k 73: CODE128


def _slip():
    return receipts.refund(number=SLIP, sale_number="261122-01-0007")


def _partly_refunded_copy():
    rice, soap = receipts.sale().lines
    return receipts.sale(copy=True, lines=(rice, replace(soap, refunded=1)))


def test_reprint_marks_the_refunded_line_with_its_quantity():
    text = [row.text(32) for row in layout(_partly_refunded_copy(), 32)]
    soap = next(i for i, line in enumerate(text) if line.startswith(receipts.SOAP))
    assert text[soap + 1].startswith("  已退") and "×1" in text[soap + 1]
    assert text[soap + 1].rstrip().endswith("-2.75")
    assert sum("已退" in line for line in text) == 1      # the rice line was not given back


def test_a_reprint_with_nothing_refunded_has_no_mark():
    assert not any("已退" in row.text(32) for row in layout(receipts.sale(copy=True), 32))


def test_reprint_pdf_reads_back_with_the_mark():
    text = pdf_text(render_pdf(_partly_refunded_copy()))
    assert "重打" in text and "已退" in text and "-2.75" in text


def test_refund_slip_pdf_shows_its_own_number_and_the_sale():
    text = pdf_text(render_pdf(_slip()))
    assert SLIP in text and "原小票：261122-01-0007" in text and "退货单" in text


def test_refund_slip_code_is_t_and_fourteen_digits():
    assert _slip().barcode == "T26112201000702"
    assert receipts.sale().barcode == "261122010007"


@pytest.mark.parametrize("width_mm", [58, 80])
def test_refund_slip_code_fits_the_print_head(width_mm):
    paper = paper_for(width_mm)
    module = module_dots(paper, _slip().barcode)
    span = (len(code_modules(_slip().barcode)) + 2 * QUIET_MODULES) * module
    assert 2 <= module and span <= paper.dots
    assert module_dots(paper, receipts.sale().barcode) == paper.module_dots   # sales unchanged


def test_refund_slip_pdf_barcode_scans_at_203_dpi(tmp_path):
    image = pdf_at_printer_dpi(render_pdf(_slip()), tmp_path)
    assert "T26112201000702" in decoded(image)


def test_refund_slip_escpos_sends_letters_then_digit_pairs():
    data = text_bytes(_slip())
    start = data.index(BARCODE)
    payload = data[start + 4:start + 4 + data[start + 3]]
    assert payload == b"{BT{C" + bytes([26, 11, 22, 1, 0, 7, 2])
    assert data[data.rindex(b"\x1dw", 0, start) + 2] == 2           # GS w: 2-dot modules
    assert SLIP.encode("gb18030") in data[start:]                  # the number under the bars


def test_escpos_code128_forms():
    assert escpos_code128("0099") == "{C\x00\x63"
    assert escpos_code128("T12") == "{BT{C\x0c"
    assert escpos_code128("T123") == "{BT123"
    with pytest.raises(ValueError):
        escpos_code128("123")


def test_refund_slip_file_name_names_the_refund(tmp_path):
    assert pdf_path(_slip(), tmp_path).relative_to(tmp_path).as_posix() == \
        "2026-11/261122-01-0007-refund-2.pdf"

