"""Screenshots of the touchscreen: `python -m tests.ui.screens_selfservice OUT [WxH]`."""

from __future__ import annotations

import sys

from tests.ui.shooting import Camera, demo_village


def main(out: str, size: str = "1920x1080") -> None:
    from kiosk.ui.app import _close, application, selfservice_window
    from kiosk.ui.tasks import ImmediateRunner

    app = application()
    window = selfservice_window(demo_village(), runner=ImmediateRunner())
    camera = Camera(app, window, out, size, prefix="ss-")
    camera.shot("1-home")
    window.find("initials")
    for key in "LJ":
        window.finder.letters.press(key)
    window.finder.search()
    camera.shot("2-initials")
    window.on_scan("JF000002")
    camera.shot("3-resident")
    window.resident.tabs.setCurrentIndex(3)
    camera.shot("4-goods")
    window.set_elder(True)
    window.resident.tabs.setCurrentIndex(0)
    camera.shot("5-resident-elder")
    window.show_notices()
    camera.shot("6-notices-elder")
    window.close()
    _close(app, window)


if __name__ == "__main__":
    main(*sys.argv[1:])
