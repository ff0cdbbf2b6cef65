"""The fallback fonts for the bundle: Hanazono Mincho cut down to the Chinese characters
the main font (WenQuanYi Micro Hei) lacks, so a name with 𠮷 or 䶮 prints from any PC.

    python packaging/fallback_fonts.py OUT_DIR [MAIN_FONT]     (kiosk.spec calls build())

HanaMinA (22 MB) keeps Ext-A, the rare BMP ideographs and the Ext-B ones it has (𠮷):
about 5 MB. HanaMinB (30 MB) keeps the rest of Ext-B: about 20 MB. Ext-C to Ext-F
(another 9 MB) stay out; a PC with fonts-hanazono still draws them (kiosk.printing.fonts
looks there after the bundle). Needs fontTools (a build requirement, not bundled).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SOURCES = {     # output name → (environment variable, Debian's file)
    "HanaMinA-kiosk.ttf": ("KIOSK_FALLBACK_FONT_A", "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
    "HanaMinB-kiosk.ttf": ("KIOSK_FALLBACK_FONT_B", "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),
}
HAN_KEPT = ((0x2E80, 0x2FDF), (0x31C0, 0x31EF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
            (0xF900, 0xFAFF), (0x20000, 0x2A6DF))   # radicals, strokes, URO, Ext-A, compatibility, Ext-B


def source(name: str) -> Path:
    variable, debian = SOURCES[name]
    for place in (os.environ.get(variable, ""), debian):
        if place and Path(place).is_file():
            return Path(place)
    raise SystemExit(f"{Path(debian).name} not found: install fonts-hanazono (Debian/Ubuntu), "
                     f"or set {variable} to the file's path (Windows)")


def _kept(code: int) -> bool:
    return any(low <= code <= high for low, high in HAN_KEPT)


def _subset(path: Path, unicodes: list[int], out: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.hinting, options.layout_features, options.name_IDs = False, [], ["*"]
    options.notdef_outline, options.glyph_names = True, False
    options.drop_tables += ["DSIG", "GSUB", "GPOS", "vhea", "vmtx", "FFTM"]
    font = TTFont(path)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(out)


def build(out_dir: Path, main_font: Path) -> list[Path]:
    """The subsets in out_dir (remade only when missing), each with only what the fonts
    before it lack."""
    from fontTools.ttLib import TTFont

    out_dir.mkdir(parents=True, exist_ok=True)
    covered = set(TTFont(main_font, fontNumber=0, lazy=True).getBestCmap())
    made = []
    for name in SOURCES:
        path = source(name)
        wanted = sorted(c for c in TTFont(path, lazy=True).getBestCmap() if _kept(c) and c not in covered)
        out = out_dir / name
        if not out.is_file():
            _subset(path, wanted, out)
        covered.update(wanted)
        made.append(out)
    return made


if __name__ == "__main__":
    main = Path(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    for made in build(Path(sys.argv[1]), main):
        print(f"{made} ({made.stat().st_size / 1e6:.1f} MB)")
