"""What the focused field held before a scanner burst began, to put back afterwards.

A burst is only known to be a scan after several keys, which have by then been
typed into whatever had focus: a search box, a PIN field (with its length limit),
a note, a spin box, a drop-down's list. Putting the field back as it was leaves
no junk, whatever the field did with the keys.
"""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid


class FieldSnapshot:
    """One widget's state: taken with `of(widget)`, put back with `restore()`."""

    def __init__(self, widget: QWidget | None, save, put_back) -> None:
        self.widget, self._saved, self._put_back = widget, save, put_back

    @classmethod
    def of(cls, widget: QWidget | None) -> FieldSnapshot:
        if widget is None or not isValid(widget):   # a wrapper PySide left behind for a deleted widget
            return cls(None, None, None)
        for kind, (save, put_back) in _KINDS:
            if isinstance(widget, kind):
                return cls(widget, save(widget), put_back)
        return cls(None, None, None)

    def restore(self) -> None:
        if self.widget is not None and isValid(self.widget):
            self._put_back(self.widget, self._saved)


def _line_saved(edit: QLineEdit):
    return edit.text(), edit.cursorPosition()


def _line_back(edit: QLineEdit, saved) -> None:
    text, cursor = saved
    if edit.text() != text:
        edit.setText(text)
    edit.setCursorPosition(cursor)


def _spin_saved(spin: QAbstractSpinBox):
    edit = spin.findChild(QLineEdit)
    value = spin.value() if isinstance(spin, (QSpinBox, QDoubleSpinBox)) else None
    return value, _line_saved(edit) if edit is not None else None


def _spin_back(spin: QAbstractSpinBox, saved) -> None:
    value, line = saved
    edit = spin.findChild(QLineEdit)
    if line is not None and edit is not None:
        _line_back(edit, line)
    if value is not None:
        spin.setValue(value)


def _combo_saved(combo: QComboBox):
    edit = combo.lineEdit()
    return combo.currentIndex(), _line_saved(edit) if edit is not None else None


def _combo_back(combo: QComboBox, saved) -> None:
    index, line = saved
    combo.setCurrentIndex(index)
    if line is not None and combo.lineEdit() is not None:
        _line_back(combo.lineEdit(), line)


def _text_saved(edit: QPlainTextEdit | QTextEdit):
    return edit.toPlainText(), edit.textCursor().position()


def _text_back(edit: QPlainTextEdit | QTextEdit, saved) -> None:
    text, position = saved
    if edit.toPlainText() != text:
        edit.setPlainText(text)
    cursor = edit.textCursor()
    cursor.setPosition(min(position, len(text)))
    edit.setTextCursor(cursor)


def _view_saved(view: QAbstractItemView):
    return QPersistentModelIndex(view.currentIndex())


def _view_back(view: QAbstractItemView, saved: QPersistentModelIndex) -> None:
    if saved.isValid() and view.model() == saved.model():
        view.setCurrentIndex(view.model().index(saved.row(), saved.column(), saved.parent()))


_KINDS = ((QLineEdit, (_line_saved, _line_back)),
          (QAbstractSpinBox, (_spin_saved, _spin_back)),
          (QComboBox, (_combo_saved, _combo_back)),
          (QPlainTextEdit, (_text_saved, _text_back)),
          (QTextEdit, (_text_saved, _text_back)),
          (QAbstractItemView, (_view_saved, _view_back)))
