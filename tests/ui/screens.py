"""Screenshots of the counter as a volunteer sees it: `python -m tests.ui.screens OUT [WxH]`.

Builds a small demo village, opens the real window offscreen, logs in, finds a
resident, scans goods and confirms, saving a PNG at each step.
"""

from __future__ import annotations

import sys

from tests.ui.shooting import Camera, demo_village, log_in


def main(out: str, size: str = "1366x768") -> None:
    from kiosk.ui.app import _close, application, counter_window
    from kiosk.ui.tasks import ImmediateRunner

    app = application()
    window = counter_window(demo_village(), runner=ImmediateRunner())
    camera = Camera(app, window, out, size)
    camera.shot("1-login")
    log_in(window, "张晓燕", "4826")
    camera.shot("2-exchange-empty")
    page = window.exchange
    page.residents.search.setText("lj")
    page.residents._suggest()
    camera.shot("3-suggestions")
    for code in ("JF000002", "6901382002504", "6925103004318"):
        page.on_scan(code)
    page.goods.setCurrentIndex(1)
    camera.shot("4-cart")
    for _ in range(4):
        page.on_scan("6901382002504")
    camera.shot("5-short-of-points")
    page.set_qty(page.cart.lines[0].product_id, 0)
    camera.shot("6-fits-now")
    page.confirm_sale()
    camera.shot("7-after-sale")
    number = page.session.db.scalar("SELECT receipt FROM sale ORDER BY at DESC, receipt DESC LIMIT 1")
    for name, dialog in (("8-refund", window.open_refund(number)), ("9-shift", window.open_shift())):
        camera.shot(name, dialog)
        dialog.close()
    window.close()
    _close(app, window)


if __name__ == "__main__":
    main(*sys.argv[1:])
