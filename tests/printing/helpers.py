"""Turning printed output back into pictures and text, to check what a customer gets."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageOps
from pypdf import PdfReader

from kiosk.printing.paper import DPI

RASTER = b"\x1dv0"


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_at_printer_dpi(data: bytes, folder: Path) -> Image.Image:
    """The PDF rasterised at 203 dpi, as a thermal printer driver would."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = folder / "receipt.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(source),
                    str(folder / "receipt")], check=True, timeout=60)
    return Image.open(folder / "receipt.png")


def decoded(image: Image.Image) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(image)]


def qr_codes(image: Image.Image) -> list[str]:
    """The QR codes a phone would read. zxing's 1-D readers now and then see an EAN-13 in a large
    QR's modules (CI saw '0472776702066' beside a 积分证明's QR), so paper read by phone is read as QR."""
    return [found.text for found in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def raster_image(data: bytes) -> Image.Image:
    """Every GS v 0 block in ESC/POS bytes, stacked back into one picture."""
    blocks, start = [], data.find(RASTER)
    while start >= 0:
        head = data[start + 4:start + 8]
        width_bytes, height = head[0] + 256 * head[1], head[2] + 256 * head[3]
        body = data[start + 8:start + 8 + width_bytes * height]
        # ESC/POS: bit 1 prints black; Pillow's "1" mode: bit 1 is white
        blocks.append(ImageOps.invert(Image.frombytes("1", (width_bytes * 8, height), body).convert("L")))
        start = data.find(RASTER, start + 8 + len(body))
    sheet = Image.new("L", (blocks[0].width, sum(b.height for b in blocks)), 255)
    top = 0
    for block in blocks:
        sheet.paste(block, (0, top))
        top += block.height
    return sheet
