"""A product's picture: an image file checked, scaled to at most 512 px and kept in the database.

The file's size is checked before a byte of it is read, and its pixel count before
it is decoded, so a 50 MB photo or a decompression bomb is refused at once.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import Refused

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 60_000_000          # a 48-megapixel phone photo still goes through
SIDE = 512
FORMATS = {"JPEG", "PNG", "GIF", "BMP", "WEBP", "TIFF", "MPO"}


@dataclass(frozen=True)
class Picture:
    mime: str
    width: int
    height: int
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def prepare(path: Path | str) -> Picture:
    """The picture a product keeps, made from an image file; refused with plain words."""
    path = Path(path)
    if not path.is_file():
        raise Refused("file_missing", path=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Refused("picture_too_big", path=path.name, size=_megabytes(size),
                      most=_megabytes(MAX_FILE_BYTES))
    if size == 0:
        raise Refused("picture_not_image", path=path.name)
    return _scaled(path)


def from_bytes(data: bytes, name: str = "") -> Picture:
    """The same, for an image already in memory (a pasted picture, a test)."""
    if len(data) > MAX_FILE_BYTES:
        raise Refused("picture_too_big", path=name, size=_megabytes(len(data)),
                      most=_megabytes(MAX_FILE_BYTES))
    return _scaled(io.BytesIO(data), name)


def _scaled(source, name: str = "") -> Picture:
    from PIL import Image, ImageOps, UnidentifiedImageError

    label = name or getattr(source, "name", "")
    label = Path(label).name if label else ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                if image.format not in FORMATS:
                    raise Refused("picture_not_image", path=label)
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Refused("picture_too_many_pixels", path=label, width=width, height=height)
                image.draft("RGB", (SIDE * 2, SIDE * 2))   # JPEG: decode at a smaller scale
                image = ImageOps.exif_transpose(image)
                image.thumbnail((SIDE, SIDE))
                return _encoded(image)
    except UnidentifiedImageError:
        raise Refused("picture_not_image", path=label) from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise Refused("picture_broken", path=label, detail=str(exc)[:80]) from None


def _encoded(image) -> Picture:
    """JPEG for photos; PNG when the picture has transparent parts."""
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    out = io.BytesIO()
    if has_alpha:
        image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
        mime = "image/png"
    else:
        image = image.convert("RGB")
        image.save(out, "JPEG", quality=85, optimize=True)
        mime = "image/jpeg"
    return Picture(mime, image.width, image.height, out.getvalue())


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
