"""Price labels back from paper: pages rasterised at 203 dpi, one label cut out, its barcode read."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.printing.label_sheets import Box
from kiosk.printing.paper import DPI

PX_PER_MM = DPI / 25.4


def pages_at_203(data: bytes, folder: Path) -> list[Image.Image]:
    """The PDF rasterised at 203 dpi, as the label printer's driver does."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = folder / "labels.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(source), str(folder / "page")],
                   check=True, timeout=120)
    return [Image.open(path) for path in sorted(folder.glob("page-*.png"))]


def crop(image: Image.Image, box: Box) -> Image.Image:
    return image.crop((round(box.x * PX_PER_MM), round(box.y * PX_PER_MM),
                       round(box.right * PX_PER_MM), round(box.bottom * PX_PER_MM)))


def read(image: Image.Image) -> list[str]:
    """Decoded codes, UPC-A in the 13-digit form the shop stores."""
    return [found.text if len(found.text) != 12 else "0" + found.text
            for found in zxingcpp.read_barcodes(image)]


def about(pixels: tuple[int, int], mm: tuple[float, float]) -> bool:
    return all(abs(p - m * PX_PER_MM) <= 1 for p, m in zip(pixels, mm))


def inked(image: Image.Image) -> bool:
    return image.convert("L").getextrema()[0] < 128


def read_only_folder(tmp_path: Path, monkeypatch) -> Path:
    """A folder nobody may write into. As root, where chmod does not stop writes, the
    temp-file call is refused there the way the kernel refuses it for everyone else."""
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):
        real = tempfile.mkstemp

        def refused(*args, dir=None, **kwargs):
            if dir is not None and os.path.samefile(dir, folder):
                raise PermissionError(errno.EACCES, "Permission denied", str(folder))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", refused)
    return folder
