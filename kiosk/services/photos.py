"""An activity's photo (活动照片): an image file checked, scaled to at most 1024 px, kept.

The file's size is checked before a byte is read and its pixel count before it is
decoded, so a 50 MB file or a decompression bomb is refused at once, in plain words.
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
SIDE = 1024
FORMATS = {"JPEG", "PNG", "GIF", "BMP", "WEBP", "TIFF", "MPO"}


@dataclass(frozen=True)
class Photo:
    mime: str
    width: int
    height: int
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def prepare(path: Path | str) -> Photo:
    """The photo an activity keeps, made from an image file; refused with plain words."""
    path = Path(path)
    if not path.is_file():
        raise Refused("file_missing", path=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Refused("photo_too_big", path=path.name, size=_megabytes(size),
                      most=_megabytes(MAX_FILE_BYTES))
    if size == 0:
        raise Refused("photo_not_image", path=path.name)
    with path.open("rb") as handle:
        return _scaled(handle, path.name)


def _scaled(source, label: str) -> Photo:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                if image.format not in FORMATS:
                    raise Refused("photo_not_image", path=label)
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Refused("photo_too_many_pixels", path=label, width=width, height=height)
                image.draft("RGB", (SIDE * 2, SIDE * 2))   # JPEG: decode at a smaller scale
                image = ImageOps.exif_transpose(image)
                image.thumbnail((SIDE, SIDE))
                return _encoded(image)
    except UnidentifiedImageError:
        raise Refused("photo_not_image", path=label) from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise Refused("photo_broken", path=label, detail=str(exc)[:80]) from None


def _encoded(image) -> Photo:
    """JPEG for photos; PNG when the picture has transparent parts."""
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    out = io.BytesIO()
    if has_alpha:
        image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
        mime = "image/png"
    else:
        image = image.convert("RGB")
        image.save(out, "JPEG", quality=82, optimize=True)
        mime = "image/jpeg"
    return Photo(mime, image.width, image.height, out.getvalue())


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
