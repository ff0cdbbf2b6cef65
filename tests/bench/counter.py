"""scan, startup, receipt: the counter's own figures.

scan: from the Enter that ends a scanner burst to the cart row painted, through the
real window, the real worker thread and the big village's 5,000 goods (target p95
≤ 16 ms, one frame); bursts from the main row and the keypad, and cards typed with
Shift (their Enter → the resident shown, reported beside it). startup: a cold process to a ready login screen, beside a bare
PySide6 window started the same way (target ≤ 1.5×). receipt: a real sale's
receipt as a PDF and as ESC/POS bytes (targets ≤ 50 ms and ≤ 5 ms).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from time import perf_counter_ns

from kiosk.store.db import Database
from tests.bench.timing import summary, time_calls

SCANS, SCAN_TARGET_MS = 300, 16.0
SCAN_STYLES = ({}, {"keypad": True}, {"keypad": True, "numlock": False})   # main row, keypad, Num Lock off
STARTS, START_TARGET = 9, 1.5
RECEIPTS, PDF_TARGET_MS, ESCPOS_TARGET_MS = 200, 50.0, 5.0
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def bench_scan(db: Database, log) -> dict:
    """Bursts as scanners send them (tests/ui/scanner_keys): goods codes from the main row,
    from the keypad and from the keypad with Num Lock off, stamped 4 ms apart; every third
    customer's card first, its capitals typed with Shift pressed and released."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.app import application, counter_window
    from kiosk.ui.tasks import TaskRunner
    from tests.ui.scanner_keys import KeyStamps, burst, press

    app = application()
    window = counter_window(db.path, runner=TaskRunner())
    window.resize(1366, 768)
    window.show()
    session = window.session
    session.actor = session.runner.call(lambda: _volunteer(session))
    window._logged_in(session.actor)
    codes = [r[0] for r in db.all("SELECT b.code FROM barcode b JOIN stock s ON s.product_id = b.product_id"
                                  " WHERE s.qty > 0 LIMIT ?", (SCANS,))]
    cards = [r[0] for r in db.all("SELECT card_code FROM resident WHERE status = 'active' LIMIT ?", (SCANS,))]

    class PaintProbe(QObject):
        painted_at = 0

        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self.painted_at:
                self.painted_at = perf_counter_ns()
            return False

    page, stamps = window.exchange, KeyStamps()
    cart_probe, card_probe = PaintProbe(), PaintProbe()
    page.cart_panel.table.viewport().installEventFilter(cart_probe)
    page.residents.name.installEventFilter(card_probe)

    def timed(code: str, style: dict, probe: PaintProbe, changed) -> int:
        burst(code, stamps, gap_ms=4, suffix=None, **style)
        probe.painted_at = 0
        start = perf_counter_ns()
        press(Qt.Key.Key_Return, "\r", stamp=stamps.after(4))
        deadline = time.monotonic() + 2
        while (not changed() or not probe.painted_at) and time.monotonic() < deadline:
            app.processEvents()
        stamps.after(1000)                       # the next scan comes a second later
        return (probe.painted_at or perf_counter_ns()) - start

    goods, card_samples = [], []
    for index, code in enumerate(codes):
        page.reset()
        app.processEvents()
        if index % 3 == 0:
            card = cards[index % len(cards)]
            card_samples.append(timed(card, {}, card_probe, lambda: page.standing is not None))
        rows = page.cart_panel.model.rowCount()
        goods.append(timed(code, SCAN_STYLES[index % len(SCAN_STYLES)], cart_probe,
                           lambda rows=rows: page.cart_panel.model.rowCount() != rows))
    window.close()
    session.runner.shutdown()
    window.deleteLater()             # gone before the interpreter tears Qt down
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    stats, card_stats = summary(goods[20:]), summary(card_samples[7:])
    log(f"scan: {stats} card: {card_stats}")
    return {**stats, "card": card_stats, "target_p95_ms": SCAN_TARGET_MS, "ok": stats["p95_ms"] <= SCAN_TARGET_MS}


def _volunteer(session):
    from kiosk.services.context import Actor, Role

    row = session.db.one("SELECT id, name FROM operator WHERE role = 'volunteer' LIMIT 1")
    return Actor(row["name"], Role.VOLUNTEER, row["id"])


_COUNTER = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from kiosk.ui.app import application, counter_window
app = application()
window = counter_window(sys.argv[1])
window.show()
def ready():
    if window.login.names.buttons() and window.isVisible():
        print("ready", flush=True); app.quit()
    else:
        QTimer.singleShot(1, ready)
QTimer.singleShot(0, ready)
app.exec()
"""
_BARE = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
window = QLabel("积分超市")
window.show()
def ready():
    print("ready", flush=True); app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def _start(script: str, *args: str) -> int:
    start = perf_counter_ns()
    child = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True)
    line = child.stdout.readline()
    elapsed = perf_counter_ns() - start
    child.wait(timeout=30)
    if line.strip() != "ready":
        raise RuntimeError("the window did not start")
    return elapsed


def bench_startup(db: Database, log) -> dict:
    counter, bare = [], []
    for _ in range(STARTS):
        counter.append(_start(_COUNTER, str(db.path)))
        bare.append(_start(_BARE))
    c, b = summary(counter), summary(bare)
    ratio = round(c["p50_ms"] / b["p50_ms"], 2)
    log(f"startup: counter {c} bare {b}")
    return {"counter": c, "bare": b, "ratio_p50": ratio, "target_ratio": START_TARGET,
            "ok": ratio <= START_TARGET}


def bench_receipt(db: Database, log) -> dict:
    from kiosk.printing.escpos_out import escpos_bytes
    from kiosk.printing.receipt_pdf import render_pdf
    from kiosk.services.shop import receipts
    from kiosk.services.context import SELFSERVICE, Context

    ctx = Context(db, SELFSERVICE)
    numbers = [r[0] for r in db.all("SELECT receipt FROM sale ORDER BY at DESC LIMIT 50")]
    slips = [receipts.for_sale(ctx, n) for n in numbers] * (RECEIPTS // max(1, len(numbers)))
    pdf = time_calls(lambda s: render_pdf(s, 58), slips, warmup=10)
    raw = time_calls(lambda s: escpos_bytes(s, 58, "text"), slips, warmup=10)
    log(f"receipt: pdf {pdf} escpos {raw}")
    return {"pdf": {**pdf, "target_p95_ms": PDF_TARGET_MS}, "escpos": {**raw, "target_p95_ms": ESCPOS_TARGET_MS},
            "ok": pdf["p95_ms"] <= PDF_TARGET_MS and raw["p95_ms"] <= ESCPOS_TARGET_MS}
