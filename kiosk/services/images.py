"""An image file made fit to keep: checked, scaled down, re-encoded.

Used for a product's picture and an activity's photo. The file's size is checked
before a byte is read and its pixel count before it is decoded, so a 50 MB file or a
decompression bomb is refused at once, in plain words. Each caller names its own
refusals (`<kind>_too_big`, `<kind>_not_image`, `<kind>_too_many_pixels`, `<kind>_broken`).
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
FORMATS = {"JPEG", "PNG", "GIF", "BMP", "WEBP", "TIFF", "MPO"}


@dataclass(frozen=True)
class Image:
    mime: str
    width: int
    height: int
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Fit:
    kind: str            # "picture", "photo": the prefix of the refusal codes
    side: int            # the longest side kept, in pixels
    quality: int         # JPEG quality


def from_file(path: Path | str, fit: Fit) -> Image:
    path = Path(path)
    if not path.is_file():
        raise Refused("file_missing", path=str(path))
    size = path.stat().st_size
    _check_size(size, path.name, fit)
    if size == 0:
        raise Refused(f"{fit.kind}_not_image", path=path.name)
    with path.open("rb") as handle:
        return _scaled(handle, path.name, fit)


def from_bytes(data: bytes, name: str, fit: Fit) -> Image:
    """The same, for an image already in memory (a pasted picture, a test)."""
    _check_size(len(data), name, fit)
    return _scaled(io.BytesIO(data), name, fit)


def _check_size(size: int, label: str, fit: Fit) -> None:
    if size > MAX_FILE_BYTES:
        raise Refused(f"{fit.kind}_too_big", path=label, size=_megabytes(size), most=_megabytes(MAX_FILE_BYTES))


def _scaled(source, label: str, fit: Fit) -> Image:
    from PIL import Image as Pil
    from PIL import ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pil.DecompressionBombWarning)
            with Pil.open(source) as image:
                if image.format not in FORMATS:
                    raise Refused(f"{fit.kind}_not_image", path=label)
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Refused(f"{fit.kind}_too_many_pixels", path=label, width=width, height=height)
                image.draft("RGB", (fit.side * 2, fit.side * 2))   # JPEG: decode at a smaller scale
                image = ImageOps.exif_transpose(image)
                image.thumbnail((fit.side, fit.side))
                return _encoded(image, fit.quality)
    except UnidentifiedImageError:
        raise Refused(f"{fit.kind}_not_image", path=label) from None
    except (OSError, SyntaxError, ValueError, Pil.DecompressionBombError,
            Pil.DecompressionBombWarning) as exc:
        raise Refused(f"{fit.kind}_broken", path=label, detail=str(exc)[:80]) from None


def _encoded(image, quality: int) -> Image:
    """JPEG for photos; PNG when the picture has transparent parts."""
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    out = io.BytesIO()
    if has_alpha:
        image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
        mime = "image/png"
    else:
        image = image.convert("RGB")
        image.save(out, "JPEG", quality=quality, optimize=True)
        mime = "image/jpeg"
    return Image(mime, image.width, image.height, out.getvalue())


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
