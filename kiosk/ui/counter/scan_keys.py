"""What one key press means to a keyboard-wedge scanner, and when it happened.

Real scanners are keyboards: a capital arrives as Shift press, letter, Shift
release; with Caps Lock on the letters come lower case; keypad digits carry the
keypad flag (and with Num Lock off they arrive as End, Down … with no text);
the code ends with Enter, with Tab, or with nothing at all.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt

K = Qt.Key
# keys that only change what the next key types: never part of a code, never break one
MODIFIERS = frozenset({K.Key_Shift, K.Key_Control, K.Key_Alt, K.Key_AltGr, K.Key_Meta,
                       K.Key_Super_L, K.Key_Super_R, K.Key_Hyper_L, K.Key_Hyper_R,
                       K.Key_CapsLock, K.Key_NumLock, K.Key_ScrollLock, K.Key_Mode_switch})
SUFFIXES = frozenset({K.Key_Return, K.Key_Enter, K.Key_Tab})
# the keypad with Num Lock off: the same keys, typed as movement keys without text
KEYPAD_DIGITS = {K.Key_Insert: "0", K.Key_End: "1", K.Key_Down: "2", K.Key_PageDown: "3",
                 K.Key_Left: "4", K.Key_Clear: "5", K.Key_Right: "6", K.Key_Home: "7",
                 K.Key_Up: "8", K.Key_PageUp: "9"}
MAX_STAMP_GAP = 10.0   # seconds: event stamps further apart than this are not trusted (wrapped, reset)


class Kind(Enum):
    MODIFIER = "modifier"   # ignored
    SUFFIX = "suffix"       # may end a burst
    CHAR = "char"           # one character of a code
    OTHER = "other"         # a person's key (arrows, F-keys, Backspace …): breaks a burst


def classify(key: int, text: str, keypad: bool) -> tuple[Kind, str]:
    """The kind of a key press and the character it adds to a code (or "")."""
    if key in MODIFIERS:
        return Kind.MODIFIER, ""
    if key in SUFFIXES:
        return Kind.SUFFIX, ""
    if len(text) == 1 and text.isascii() and text.isprintable() and not text.isspace():
        return Kind.CHAR, text
    if keypad and key in KEYPAD_DIGITS:
        return Kind.CHAR, KEYPAD_DIGITS[key]
    return Kind.OTHER, ""


class KeyTimes:
    """Seconds between two key presses: by the events' own stamps (when the key was
    pressed, even if the window was busy painting), or by the clock when they have none."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.last_stamp: int | None = None
        self.last_clock: float | None = None

    def gap(self, stamp_ms: int) -> float | None:
        """Record a key press; the gap since the one before (None for the first)."""
        now = self.clock()
        stamp = stamp_ms or None
        before_stamp, before_clock = self.last_stamp, self.last_clock
        self.last_stamp, self.last_clock = stamp, now
        if stamp is not None and before_stamp is not None:
            seconds = (stamp - before_stamp) / 1000
            if 0 <= seconds <= MAX_STAMP_GAP:
                return seconds
        return None if before_clock is None else now - before_clock

    def close_after_last(self, stamp_ms: int, seconds: float) -> bool:
        """Whether a key stamped `stamp_ms` came within `seconds` of the last one (not recorded);
        True when either has no stamp: the key press itself decides then."""
        if not stamp_ms or self.last_stamp is None:
            return True
        return 0 <= (stamp_ms - self.last_stamp) / 1000 <= seconds
