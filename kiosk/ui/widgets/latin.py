"""Fields that take codes: no input method, so fcitx or ibus cannot catch a scanner's keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

LATIN_HINTS = (Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText
               | Qt.InputMethodHint.ImhNoAutoUppercase)


def latin_only(field: QWidget) -> QWidget:
    """Keys reach the field (and the scanner filter) as keys, never as input-method text.

    Call it after setEchoMode or setReadOnly: QLineEdit turns input methods back on there.
    """
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    field.setInputMethodHints(field.inputMethodHints() | LATIN_HINTS)
    return field
