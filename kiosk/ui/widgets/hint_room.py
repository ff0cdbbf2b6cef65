"""A field's grey hint (its placeholder: "如 5 或 5.5", "不填则不限购") is read whole:
the field is never laid out narrower than its hint, at any screen size.

The width is measured when the program's style sheet has set the field's font and
padding (on polish, and again if the font or style changes).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame

CURSOR_ROOM = 4          # QLineEdit keeps 2 px each side of its text
_MEASURE_ON = (QEvent.Type.Polish, QEvent.Type.FontChange, QEvent.Type.StyleChange)


def hint_width(edit: QLineEdit) -> int:
    """The field's outer width that shows its whole hint, padding and frame included."""
    metrics = edit.fontMetrics()
    margins = edit.textMargins()
    inside = metrics.horizontalAdvance(edit.placeholderText()) + CURSOR_ROOM + margins.left() + margins.right()
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    outer = edit.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option,
                                          QSize(inside, metrics.height()), edit)
    return outer.width() + 1


def make_room(edit: QLineEdit) -> None:
    need = hint_width(edit)
    edit.setMinimumWidth(need)
    if edit.maximumWidth() < need:
        edit.setMaximumWidth(need)


class _HintRoom(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _MEASURE_ON and isinstance(watched, QLineEdit) and watched.placeholderText():
            make_room(watched)
        return False


def keep_hint_whole(edit: QLineEdit) -> QLineEdit:
    """Watch the field so that its hint always has room; returns the field."""
    edit.installEventFilter(_HintRoom(edit))
    return edit
