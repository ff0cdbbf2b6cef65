"""The CJK TrueType font for PDF and raster output.

reportlab embeds TrueType outlines only: WenQuanYi Micro Hei (.ttc, subfont 0)
works, Noto CJK (CFF outlines) does not. A font dropped into <data>/assets/fonts/
wins over the system ones, so a shop can ship SimHei with the program.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kiosk.printing.errors import no_font

REPORTLAB_NAME = "KioskCJK"

_LINUX = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
_WINDOWS = ("simhei.ttf", "msyh.ttc", "simsun.ttc")

_lock = threading.Lock()


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont: int = 0


def _assets_fonts() -> list[Path]:
    try:
        from kiosk.paths import assets_dir

        folder = assets_dir() / "fonts"
    except FileNotFoundError:
        return []
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))


def _windows_fonts() -> list[Path]:
    folder = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
    return [folder / name for name in _WINDOWS]


def candidates() -> list[FontFile]:
    """Every place a usable font may be, best first (existing files only)."""
    paths = _assets_fonts() + [Path(p) for p in _LINUX] + _windows_fonts()
    return [FontFile(p) for p in paths if p.is_file()]


def _reportlab_loads(font: FontFile):
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        return TTFont(REPORTLAB_NAME, str(font.path), subfontIndex=font.subfont)
    except (TTFError, OSError, ValueError):
        return None     # CFF outlines, a broken file: try the next one


@cache
def cjk_font() -> FontFile:
    """The first font reportlab can embed, registered with reportlab under REPORTLAB_NAME."""
    from reportlab.pdfbase import pdfmetrics

    found = candidates()
    for font in found:
        loaded = _reportlab_loads(font)
        if loaded is not None:
            pdfmetrics.registerFont(loaded)
            return font
    raise no_font(", ".join(str(f.path) for f in found) or "assets/fonts, /usr/share/fonts, C:/Windows/Fonts")


def reportlab_font() -> str:
    """Register the CJK font once (thread-safe) and return its reportlab name."""
    with _lock:
        cjk_font()
    return REPORTLAB_NAME


@cache
def pil_font(size_px: int):
    """The same font for Pillow, at a pixel size."""
    from PIL import ImageFont

    with _lock:
        font = cjk_font()
    return ImageFont.truetype(str(font.path), size_px, index=font.subfont)
