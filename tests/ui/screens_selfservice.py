"""Screenshots of the touchscreen: `python -m tests.ui.screens_selfservice OUT [WxH]`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: str, size: str = "1920x1080") -> None:
    from kiosk.services.demo import build_demo
    from kiosk.ui.app import application, selfservice_window
    from kiosk.ui.tasks import ImmediateRunner

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    db_path = Path(tempfile.mkdtemp()) / "demo.sqlite"
    build_demo(db_path, households=60)
    app = application()
    window = selfservice_window(db_path, runner=ImmediateRunner())
    width, height = (int(v) for v in size.split("x"))
    window.resize(width, height)
    window.show()

    def shot(name: str) -> None:
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(folder / f"ss-{name}-{size}.png"))

    shot("1-home")
    window.find("initials")
    for key in "LJ":
        window.finder.letters.press(key)
    window.finder.search()
    shot("2-initials")
    window.on_scan("JF000002")
    shot("3-resident")
    window.resident.tabs.setCurrentIndex(3)
    shot("4-goods")
    window.set_elder(True)
    window.resident.tabs.setCurrentIndex(0)
    shot("5-resident-elder")
    window.show_notices()
    shot("6-notices-elder")
    window.close()
    from kiosk.ui.app import _close
    _close(app, window)


if __name__ == "__main__":
    main(*sys.argv[1:])
