"""Keyboard-wedge scanners: a burst of keys typed within milliseconds, wherever focus is.

The filter watches every key press in the application. Characters that follow
each other within MAX_GAP (by the key events' own stamps when the window system
gives them) make a burst; Shift, Caps Lock, Num Lock and the like are skipped,
keypad digits count as digits. The burst ends with Enter or Tab (swallowed) or
with SILENCE_MS of quiet. A burst of at least MIN_LENGTH characters is a scan:
the field that had focus is put back as it was before the burst, an open
drop-down is closed, and the code, in upper case, is announced by `scanned`.
Slow typing passes through untouched.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from kiosk.ui.counter.field_snapshot import FieldSnapshot
from kiosk.ui.counter.scan_keys import SUFFIXES, KeyTimes, Kind, classify

MAX_GAP = 0.06       # seconds between two keys of a scanner (they send 2–40 ms; people ~0.1 s or more)
MIN_LENGTH = 6
SILENCE_MS = 80      # a burst with no Enter or Tab ends after this much quiet
_KEYPAD = Qt.KeyboardModifier.KeypadModifier


def key_receiver() -> QWidget | None:
    """The widget Qt gives a key press to: a grabber, an open drop-down, or the focus."""
    popup = QApplication.activePopupWidget()
    if QWidget.keyboardGrabber() is not None:
        return QWidget.keyboardGrabber()
    if popup is not None:
        return popup.focusWidget() or popup
    return QApplication.focusWidget()


def _window_focus(widget: QWidget) -> QWidget:
    """Where a key goes while Qt does not yet count the window as active (the window
    system already sends it keys): that window's own focus widget, or the window."""
    window = widget.window()
    return window.focusWidget() or window


def _close_popup() -> None:
    """A drop-down left open under a scan closes without choosing anything."""
    popup = QApplication.activePopupWidget()
    if isinstance(popup.parentWidget() if popup else None, QComboBox):
        popup.parentWidget().hidePopup()
    elif popup is not None:
        popup.hide()


class ScannerFilter(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, clock=time.monotonic) -> None:
        super().__init__(parent)
        self.times = KeyTimes(clock)
        self.chars: list[str] = []
        self.snapshot = FieldSnapshot.of(None)
        self.enabled = True
        self._ended_quietly = False   # a scan ended by silence: a late Enter or Tab is its own
        self._draining = False
        self._keys = 0                 # key presses counted so far: did one come while draining?
        self.silence = QTimer(self, singleShot=True, interval=SILENCE_MS, timeout=self._quiet)

    @property
    def clock(self):
        return self.times.clock

    @clock.setter
    def clock(self, clock) -> None:
        self.times.clock = clock

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.enabled:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            return self._holds_suffix(event)
        if event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(watched, QWidget):
            return False
        receiver = key_receiver() or _window_focus(watched)
        if watched is not receiver:
            return False  # one key press reaches the window, then the widget: count it once
        kind, char = classify(event.key(), event.text(), bool(event.modifiers() & _KEYPAD))
        if kind is Kind.MODIFIER:
            return False
        self._keys += 1
        gap = self.times.gap(event.timestamp())
        quick = gap is not None and gap <= MAX_GAP and not event.isAutoRepeat()
        if kind is Kind.CHAR:
            self._add(char, quick, receiver)
            return False
        if kind is Kind.SUFFIX:
            return self._suffix(quick)
        self._drop()
        return False

    def _holds_suffix(self, event) -> bool:
        """Before the key press, Qt offers Enter to shortcuts and open drop-downs (which
        would choose an item with it): a scan's Enter or Tab is kept from them."""
        return (event.key() in SUFFIXES and len(self.chars) >= MIN_LENGTH
                and self.times.close_after_last(event.timestamp(), MAX_GAP))

    def _add(self, char: str, quick: bool, receiver: QWidget | None) -> None:
        if not (quick and self.chars):
            self.chars = []
            self.snapshot = FieldSnapshot.of(receiver)   # before this first key reaches it
        self._ended_quietly = False
        self.chars.append(char)
        if len(self.chars) >= MIN_LENGTH:   # only a burst that could be a scan waits for quiet
            self.silence.start()

    def _suffix(self, quick: bool) -> bool:
        if quick and self.chars:
            return self._finish()
        late = quick and self._ended_quietly
        self._drop()
        return late

    def _quiet(self) -> None:
        """No key for SILENCE_MS: keys the busy window has not handled yet come first."""
        if self._draining:
            return
        self._draining, keys = True, self._keys
        try:
            QApplication.processEvents()
        finally:
            self._draining = False
        if keys == self._keys and self.chars and self._finish():
            self._ended_quietly = True

    def _finish(self) -> bool:
        code = "".join(self.chars).upper()
        self._drop()
        if len(code) < MIN_LENGTH:
            return False
        self.snapshot.restore()
        _close_popup()
        self.scanned.emit(code)
        return True

    def _drop(self) -> None:
        self.chars = []
        self._ended_quietly = False
        self.silence.stop()
