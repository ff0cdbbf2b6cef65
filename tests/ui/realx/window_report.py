"""The real counter or touchscreen for the real-X tests, reporting what it shows.

Run as `python -m tests.ui.realx.window_report counter|selfservice DB`: the
program's own window on the X display in $DISPLAY, built as `kiosk counter` and
`kiosk selfservice` build it, at 1366×768. Each time what it shows changes, one
JSON line goes to stdout: the page, the operators' buttons (screen coordinates
to click), the PIN typed so far, the resident, the cart, the messages. The test
reads these lines; it types with xdotool and never calls into the window.
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import QTimer

REPORT_MS = 20


def _centre(widget) -> list[int]:
    point = widget.mapToGlobal(widget.rect().center())
    return [point.x(), point.y()]


def _shown(window) -> bool:
    handle = window.windowHandle()
    return window.isVisible() and handle is not None and handle.isExposed()


def counter_state(window) -> dict:
    login = window.login
    state = {"ready": _shown(window) and bool(login.names.buttons()),
             "page": type(window.pages.currentWidget()).__name__,
             "names": {b.objectName(): _centre(b) for b in login.names.buttons()},
             "chosen": login.chosen, "pin": len(login.pin_pad.display.text()),
             "login_message": login.feedback.text()}
    page = window._exchange
    if page is not None:
        state.update(resident=page.residents.name.text(), cart=[line.name for line in page.cart.lines],
                     message=page.feedback.text(), search=page.residents.search.text(),
                     code=page.cart_panel.code.text())
    return state


def selfservice_state(window) -> dict:
    return {"ready": _shown(window), "page": type(window.pages.currentWidget()).__name__,
            "name": window.resident.name.text(), "pin": len(window.resident.pin_pad.display.text()),
            "message": window.home.message.text()}


def main(kind: str, db_path: str) -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from kiosk.ui.app import _close, application, counter_window, selfservice_window

    app = application()
    window = counter_window(db_path) if kind == "counter" else selfservice_window(db_path)
    state_of = counter_state if kind == "counter" else selfservice_state
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    last = {}

    def report() -> None:
        nonlocal last
        now = state_of(window)
        if now != last:
            print(json.dumps(now, ensure_ascii=False), flush=True)
            last = now

    ticker = QTimer(interval=REPORT_MS, timeout=report)
    ticker.start()
    code = app.exec()
    ticker.stop()
    _close(app, window)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
