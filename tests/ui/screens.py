"""Screenshots of the counter as a volunteer sees it: `python -m tests.ui.screens OUT [WxH]`.

Builds the demo village in a temporary folder, opens the real window offscreen,
logs in, finds a resident, scans goods and confirms, saving a PNG at each step.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: str, size: str = "1366x768") -> None:

    from kiosk.services.demo import build_demo
    from kiosk.ui.app import application, counter_window
    from kiosk.ui.tasks import ImmediateRunner

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    db_path = Path(tempfile.mkdtemp()) / "demo.sqlite"
    build_demo(db_path, households=60)
    app = application()
    window = counter_window(db_path, runner=ImmediateRunner())
    width, height = (int(v) for v in size.split("x"))
    window.resize(width, height)
    window.show()

    def shot(name: str) -> None:
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(folder / f"{name}-{size}.png"))

    shot("1-login")
    window.login.choose("张晓燕")
    for digit in "4826":
        window.login.pin_pad.press(digit)
    window.login.pin_pad._submit()
    shot("2-exchange-empty")
    page = window.exchange
    page.residents.search.setText("lj")
    page.residents._suggest()
    shot("3-suggestions")
    page.on_scan("JF000002")
    page.on_scan("6901382002504")
    page.on_scan("6925103004318")
    page.goods.setCurrentIndex(1)
    shot("4-cart")
    for _ in range(4):
        page.on_scan("6901382002504")
    shot("5-short-of-points")
    page.set_qty(page.cart.lines[0].product_id, 0)
    shot("6-fits-now")
    page.confirm_sale()
    shot("7-after-sale")
    number = page.session.db.scalar("SELECT receipt FROM sale ORDER BY at DESC, receipt DESC LIMIT 1")
    dialog = window.open_refund(number)
    dialog.resize(int(width * 0.8), int(height * 0.85))
    for _ in range(3):
        app.processEvents()
    dialog.grab().save(str(folder / f"8-refund-{size}.png"))
    dialog.close()
    shift = window.open_shift()
    for _ in range(3):
        app.processEvents()
    shift.grab().save(str(folder / f"9-shift-{size}.png"))
    shift.close()
    window.close()
    from kiosk.ui.app import _close
    _close(app, window)


if __name__ == "__main__":
    main(*sys.argv[1:])
