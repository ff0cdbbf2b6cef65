"""The real counter window on the small test village, with calls run at once."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from kiosk.ui.counter.main_window import CounterWindow  # noqa: E402
from kiosk.ui.counter_session import CounterSession  # noqa: E402
from kiosk.ui.tasks import ImmediateRunner  # noqa: E402


class Ticks:
    """A scanner clock: each read is `step` seconds after the last."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now

    def pause(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def qt_words_plain():
    """Qt's own words back to plain English after a test that opened a window in Chinese,
    so that no other test reads them."""
    yield
    from kiosk.ui.qt_words import use_qt_words

    use_qt_words("en")


@pytest.fixture
def counter(qtbot, shop, tmp_path):
    session = CounterSession(shop.db, ImmediateRunner(), clock=shop.clock,
                             receipts_dir=tmp_path / "receipts")
    window = CounterWindow(session, "青石村积分超市 · 收银台")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start()
    window.scanner.clock = Ticks(0.004)  # a scanner's pace unless a test says otherwise
    yield window
    window.close()


@pytest.fixture
def themed(qapp):
    """The program's own fonts and finger-sized styles, as it runs; plain again afterwards."""
    from kiosk.ui import theme

    font, sheet = qapp.font(), qapp.styleSheet()
    theme.apply(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def log_in(qtbot, window, name: str, pin: str) -> None:
    """Tap the name, tap the PIN on the pad, tap 确定."""
    from PySide6.QtWidgets import QPushButton

    def tap(parent, object_name: str) -> None:
        button = parent.findChild(QPushButton, object_name)
        assert button is not None, object_name
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    tap(window.login, f"operator_{name}")
    for digit in pin:
        tap(window.login.pin_pad, f"pin_{digit}")
    tap(window.login.pin_pad, "pin_ok")


def scan(qtbot, window, code: str) -> None:
    """A keyboard-wedge burst into whatever has focus, ending with Enter."""
    from PySide6.QtWidgets import QApplication

    target = QApplication.focusWidget() or window
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)
