"""Shared by the screenshot scripts: a small demo village and a camera on a window."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def demo_village(households: int = 60) -> Path:
    from kiosk.services.setup.demo import build_demo

    db_path = Path(tempfile.mkdtemp()) / "demo.sqlite"
    build_demo(db_path, households=households)
    return db_path


class Camera:
    """Sizes a window and saves what it shows as <folder>/<prefix><name>-<size>.png."""

    def __init__(self, app, window, folder: str, size: str, prefix: str = "") -> None:
        self.app, self.window, self.size, self.prefix = app, window, size, prefix
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        width, height = (int(v) for v in size.split("x"))
        window.resize(width, height)
        window.show()

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    def shot(self, name: str, widget=None) -> None:
        self.settle()
        (widget or self.window).grab().save(str(self.folder / f"{self.prefix}{name}-{self.size}.png"))


def log_in(window, name: str, pin: str) -> None:
    """Tap the operator's name and type the PIN on the pad, as at the counter."""
    window.login.choose(name)
    for digit in pin:
        window.login.pin_pad.press(digit)
    window.login.pin_pad._submit()
