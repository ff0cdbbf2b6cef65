"""Render the hand-drawn SVG icons in assets/icons/ to the PNGs and .ico files the packages use.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons/render.py [OUT_DIR]

For every NAME.svg it writes NAME-48.png, NAME-128.png, NAME-256.png (the .deb's hicolor
sizes) and NAME.ico (16–256 px, for the Windows programs and the installer) beside the SVG,
or into OUT_DIR. Uses Qt's own SVG renderer (PySide6-Essentials, already a dependency) and
Pillow for the .ico.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[2] / "assets" / "icons"
PNG_SIZES = (48, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int, target: Path) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise OSError(f"could not write {target}")
    return target


def write_ico(png_256: Path, target: Path) -> Path:
    from PIL import Image

    with Image.open(png_256) as image:
        image.save(target, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    return target


def render_all(source: Path = ICONS, out: Path | None = None) -> list[Path]:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, DPI)
    out = out or source
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for svg in sorted(source.glob("*.svg")):
        pngs = [render_png(svg, size, out / f"{svg.stem}-{size}.png") for size in PNG_SIZES]
        written += pngs + [write_ico(pngs[-1], out / f"{svg.stem}.ico")]
    return written


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in render_all(out=Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(path)
