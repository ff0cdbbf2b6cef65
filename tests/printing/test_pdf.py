"""The PDF receipt: Chinese text, an embedded font, the paper width, a barcode that scans."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import ImageOps
from pypdf import PdfReader

from kiosk.printing.receipt_pdf import pdf_path, render_pdf, save_pdf
from tests.printing import receipts
from tests.printing.helpers import decoded, pdf_at_printer_dpi, pdf_text


def test_text_has_shop_resident_goods_and_total():
    text = pdf_text(render_pdf(receipts.sale()))
    for expected in (receipts.SHOP, receipts.RESIDENT, "东北大米", "香皂", "合计", "55.5",
                     "264.5", receipts.FOOTER, "261122-01-0007"):
        assert expected in text
    assert "重打" not in text


def _fonts(data: bytes) -> list:
    page = PdfReader(io.BytesIO(data)).pages[0]
    return [font.get_object() for font in page["/Resources"]["/Font"].values()]


def test_every_font_is_embedded():
    fonts = _fonts(render_pdf(receipts.sale()))
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]


def test_pdffonts_says_embedded(tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(receipts.sale()))
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)


def test_a_reprint_says_so():
    assert "重打" in pdf_text(render_pdf(receipts.sale(copy=True)))


def test_refund_slip_has_its_title_and_reason():
    text = pdf_text(render_pdf(receipts.refund()))
    assert "退货单" in text and "包装破损，村民退回" in text and "267.25" in text


def test_english_receipt():
    text = pdf_text(render_pdf(receipts.sale(), lang="en"))
    assert "Balance after" in text and receipts.RESIDENT in text


@pytest.mark.parametrize("width_mm", [58, 80])
def test_page_is_as_wide_as_the_paper(width_mm):
    box = PdfReader(io.BytesIO(render_pdf(receipts.long_names(), width_mm))).pages[0].mediabox
    assert float(box.width) == pytest.approx(width_mm * 72 / 25.4, abs=0.01)
    assert float(box.height) > float(box.width)


def test_long_receipt_is_taller():
    def height(receipt):
        return float(PdfReader(io.BytesIO(render_pdf(receipt))).pages[0].mediabox.height)
    assert height(receipts.long_names()) > height(receipts.sale())


def test_bad_paper_width_is_refused():
    with pytest.raises(ValueError):
        render_pdf(receipts.sale(), width_mm=76)


@pytest.mark.parametrize("width_mm", [58, 80])
def test_barcode_scans_at_printer_resolution(width_mm, tmp_path):
    image = pdf_at_printer_dpi(render_pdf(receipts.sale(), width_mm), tmp_path)
    assert decoded(image) == ["261122010007"]


@pytest.mark.parametrize("width_mm, head_dots", [(58, 384), (80, 576)])
def test_all_ink_is_under_the_print_head(width_mm, head_dots, tmp_path):
    """58 mm paper prints 48 mm (384 dots), 80 mm prints 72 mm (576 dots), centred."""
    image = pdf_at_printer_dpi(render_pdf(receipts.long_names(), width_mm), tmp_path)
    left, _, right, _ = ImageOps.invert(image.convert("L")).getbbox()
    margin = (image.width - head_dots) // 2
    assert left >= margin - 1 and right <= margin + head_dots + 1


def test_save_pdf_files_by_month_and_kind(tmp_path):
    sale_path = save_pdf(receipts.sale(), tmp_path)
    assert sale_path == tmp_path / "2026-11" / "261122-01-0007.pdf"
    assert receipts.SHOP in pdf_text(sale_path.read_bytes())
    assert pdf_path(receipts.sale(copy=True), tmp_path).name == "261122-01-0007-copy.pdf"
    assert pdf_path(receipts.refund(), tmp_path).name == "261122-01-0007-refund.pdf"
    assert [p.name for p in sale_path.parent.iterdir()] == ["261122-01-0007.pdf"]


def test_save_pdf_replaces_an_older_file_whole(tmp_path):
    first = save_pdf(receipts.sale(), tmp_path)
    first.write_bytes(b"half a file")
    again = save_pdf(receipts.sale(), tmp_path)
    assert again == first and again.read_bytes().startswith(b"%PDF")
