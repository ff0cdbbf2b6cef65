"""Key events as a real keyboard-wedge scanner sends them, for offscreen tests and the bench.

Unlike qtbot.keyClicks: Shift pressed and released around each capital (with the
letter's own key code), Caps Lock turning the letters' case over, keypad digits
with the keypad flag (or, with Num Lock off, End, Down … and no text), and each
event stamped with the time the key went down.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.ui.counter.scanner import key_receiver

K, M = Qt.Key, Qt.KeyboardModifier
NUMLOCK_OFF = {"0": K.Key_Insert, "1": K.Key_End, "2": K.Key_Down, "3": K.Key_PageDown,
               "4": K.Key_Left, "5": K.Key_Clear, "6": K.Key_Right, "7": K.Key_Home,
               "8": K.Key_Up, "9": K.Key_PageUp}
SUFFIX_KEYS = {"Return": (K.Key_Return, "\r"), "Tab": (K.Key_Tab, "\t"), "Enter": (K.Key_Enter, "\r")}


class KeyStamps:
    """Milliseconds on the window system's clock, as X stamps key events."""

    def __init__(self, start: int = 1_000_000) -> None:
        self.now = start

    def after(self, ms: int) -> int:
        self.now += ms
        return self.now


def send(kind, key, text: str, modifiers, stamp: int, fallback=None) -> None:
    """One key event, delivered where Qt would deliver it (the focus)."""
    target = key_receiver() or fallback or QApplication.activeWindow()
    event = QKeyEvent(kind, key, modifiers, text)
    event.setTimestamp(stamp)
    QApplication.sendEvent(target, event)


def press(key, text: str = "", modifiers=M.NoModifier, stamp: int = 0, fallback=None) -> None:
    """One key down and up."""
    send(QEvent.Type.KeyPress, key, text, modifiers, stamp, fallback)
    send(QEvent.Type.KeyRelease, key, text, modifiers, stamp, fallback)


def burst(code: str, stamps: KeyStamps, gap_ms: int = 5, suffix: str | None = "Return",
          keypad: bool = False, numlock: bool = True, caps: bool = False, fallback=None) -> None:
    """`code` as a scanner types it, `gap_ms` apart, then the suffix key (None: nothing)."""
    for char in code:
        at = stamps.after(gap_ms)
        if char.isalpha():
            _letter(char, at, caps, fallback)
        elif char.isdigit() and keypad:
            key, text = (K.Key_0 + int(char), char) if numlock else (NUMLOCK_OFF[char], "")
            press(key, text, M.KeypadModifier, at, fallback)
        else:
            press(ord(char.upper()), char, M.NoModifier, at, fallback)
    if suffix:
        key, text = SUFFIX_KEYS[suffix]
        press(key, text, M.NoModifier, stamps.after(gap_ms), fallback)


def _letter(char: str, at: int, caps: bool, fallback) -> None:
    """Shift down, the letter (its case turned over by Caps Lock), Shift up."""
    shifted = char.isupper()
    typed = char.lower() if shifted == caps else char.upper()
    if shifted:
        send(QEvent.Type.KeyPress, K.Key_Shift, "", M.ShiftModifier, at, fallback)
    press(ord(char.upper()), typed, M.ShiftModifier if shifted else M.NoModifier, at, fallback)
    if shifted:
        send(QEvent.Type.KeyRelease, K.Key_Shift, "", M.NoModifier, at, fallback)
