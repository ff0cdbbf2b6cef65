"""The CJK TrueType font for PDF and raster output.

reportlab embeds TrueType outlines only: WenQuanYi Micro Hei (.ttc, subfont 0)
works, Noto CJK (CFF outlines) does not. A font dropped into <data>/assets/fonts/
wins over the system ones, so a shop can ship SimHei with the program.

Names with rare characters (𠮷 in Ext-B, 䶮 in Ext-A) need a second font: the
fallback fonts (the bundle's subsets of Hanazono Mincho in assets/fonts/fallback/,
else Debian's fonts-hanazono, else Windows' SimSun and SimSun-ExtB) draw the characters the
main font lacks; kiosk.printing.glyph_runs splits text by which font has each one.
"""

from __future__ import annotations

import os
import re
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

_FALLBACK_LINUX = (
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",      # BMP, Ext-A, the common Ext-B
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",      # Ext-B and later
    "/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf",
)
_FALLBACK_WINDOWS = ("simsun.ttc", "simsunb.ttf")     # SimSun: Ext-A; SimSun-ExtB: Ext-B
FALLBACK_PREFIX = "KioskCJKRare"

_lock = threading.Lock()


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont: int = 0


def _assets_fonts(sub: str = "") -> list[Path]:
    try:
        from kiosk.paths import assets_dir

        folder = assets_dir() / "fonts" / sub
    except FileNotFoundError:
        return []
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))


def _windows_fonts(names: tuple[str, ...] = _WINDOWS) -> list[Path]:
    folder = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
    return [folder / name for name in names]


def candidates() -> list[FontFile]:
    """Every place a usable font may be, best first (existing files only)."""
    paths = _assets_fonts() + [Path(p) for p in _LINUX] + _windows_fonts()
    return [FontFile(p) for p in paths if p.is_file()]


def fallback_candidates() -> list[FontFile]:
    """Fonts for the characters the main one lacks, best first (existing files only)."""
    paths = (_assets_fonts("fallback") + [Path(p) for p in _FALLBACK_LINUX]
             + _windows_fonts(_FALLBACK_WINDOWS))
    return [FontFile(p) for p in paths if p.is_file()]


def _reportlab_loads(font: FontFile, name: str = REPORTLAB_NAME):
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        return TTFont(name, str(font.path), subfontIndex=font.subfont)
    except (TTFError, OSError, ValueError):
        return None     # CFF outlines, a broken file: try the next one


@cache
def cjk_font() -> FontFile:
    """The first font reportlab can embed, registered with reportlab under REPORTLAB_NAME."""
    from reportlab.pdfbase import pdfmetrics

    _astral_to_unicode()
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


@dataclass(frozen=True)
class Face:
    """A registered font: its reportlab name, its file and the characters it draws."""
    name: str
    file: FontFile
    chars: frozenset[int]


def _face(name: str, file: FontFile) -> Face:
    from reportlab.pdfbase import pdfmetrics

    return Face(name, file, frozenset(pdfmetrics.getFont(name).face.charToGlyph))


class _Fallbacks:
    """The fallback fonts, each read (a 5–30 MB file) only when a character needs it."""

    def __init__(self) -> None:
        self.faces: list[Face] = []
        self.waiting: list[FontFile] | None = None

    def _load_next(self) -> Face | None:
        from reportlab.pdfbase import pdfmetrics

        file = self.waiting.pop(0)
        name = f"{FALLBACK_PREFIX}{len(self.faces) + 1}"
        loaded = _reportlab_loads(file, name)
        if loaded is None:
            return None
        pdfmetrics.registerFont(loaded)
        self.faces.append(_face(name, file))
        return self.faces[-1]

    def with_char(self, code: int | None) -> Face | None:
        """The first fallback that has the character, loading more as needed (None: all)."""
        if self.waiting is None:
            self.waiting = fallback_candidates()
        found = next((face for face in self.faces if code in face.chars), None)
        while found is None and self.waiting:
            face = self._load_next()
            if face is not None and code in face.chars:
                found = face
        return found


_fallbacks = _Fallbacks()


@cache
def _main_face() -> Face:
    return _face(REPORTLAB_NAME, cjk_font())


def main_face() -> Face:
    """The main CJK font, registered with reportlab (thread-safe)."""
    with _lock:
        return _main_face()


def fallback_with(char: str) -> Face | None:
    """The first fallback font that draws the character, None when none does (thread-safe)."""
    with _lock:
        cjk_font()
        return _fallbacks.with_char(ord(char))


def fallback_faces() -> tuple[Face, ...]:
    """Every fallback font, all loaded."""
    with _lock:
        cjk_font()
        _fallbacks.with_char(None)
        return tuple(_fallbacks.faces)


def _file_of(name: str) -> FontFile:
    if name == REPORTLAB_NAME:
        return main_face().file
    with _lock:
        return next(face.file for face in _fallbacks.faces if face.name == name)


@cache
def pil_font(size_px: int, name: str = REPORTLAB_NAME):
    """The same font for Pillow, at a pixel size (a fallback by its reportlab name)."""
    from PIL import ImageFont

    font = _file_of(name)
    return ImageFont.truetype(str(font.path), size_px, index=font.subfont)


_ASTRAL = re.compile(r"^(<[0-9A-F]{2}>) <([0-9A-F]{5,6})>$", re.MULTILINE)


def _utf16_hex(match: re.Match) -> str:
    return f"{match[1]} <{chr(int(match[2], 16)).encode('utf-16-be').hex().upper()}>"


def _astral_to_unicode() -> None:
    """reportlab writes U+20BB7 as <20BB7> in a font's ToUnicode map, which readers reject:
    PDF wants UTF-16 (<D842DFB7>), or copying and searching the text loses the character."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "kiosk_astral", False):
        return

    def to_unicode_cmap(fontname, subset):
        return _ASTRAL.sub(_utf16_hex, original(fontname, subset))

    to_unicode_cmap.kiosk_astral = True
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
