"""Every word a screen shows, gathered from its widgets, to check the language of each."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel,
                               QLineEdit, QListWidget, QTabWidget, QTextEdit, QWidget)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff08\uff09\uff0c\uff1a\uff1b\uff01\uff1f]")
# Words a Chinese screen may show in Latin letters: names of formats, devices and codes
# that villagers see written so on the things themselves.
LATIN_ALLOWED = {"PDF", "CSV", "Excel", "USB", "U", "PIN", "KB", "MB", "GB", "QR", "A4", "EAN", "UPC",
                 "ESC", "POS", "TSPL", "IP", "COM", "dev", "usb", "lp", "xlsx", "csv", "pdf", "sqlite",
                 "mm", "kg", "g", "ml", "L", "F12", "Enter", "Esc", "WPS", "ID", "OK", "x", "X",
                 "AAA", "AA",                 # grade names as villages write them
                 "wxm", "hjqs"}               # examples of pinyin initials and rule codes
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every visible piece of text under `root`, itself included."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        where = f"{type(widget).__name__}#{widget.objectName()}"
        found += [(where, t) for t in _own_texts(widget) if t and t.strip()]
    return found


def _own_texts(widget: QWidget) -> list[str]:
    out = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
    if isinstance(widget, (QLabel, QAbstractButton)):
        out.append(widget.text())
    if isinstance(widget, QLineEdit):
        out += [widget.placeholderText()]
    if isinstance(widget, QTextEdit):
        out.append(widget.toPlainText())
    if isinstance(widget, QGroupBox):
        out.append(widget.title())
    if isinstance(widget, QComboBox):
        out += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTabWidget):
        out += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QListWidget):
        out += [widget.item(i).text() for i in range(widget.count())]
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        out += _model_texts(widget.model())
    return out


def _model_texts(model) -> list[str]:
    out = []
    for column in range(model.columnCount()):
        out.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    for row in range(min(model.rowCount(), 30)):
        for column in range(model.columnCount()):
            out.append(str(model.data(model.index(row, column)) or ""))
    return out


def chinese_left(found: list[tuple[str, str]], data_words: set[str] = frozenset()) -> list[tuple[str, str]]:
    """Texts that still hold Chinese in an English screen."""
    return [(w, t) for w, t in found if CJK.search(_without(t, data_words))]


def english_left(found: list[tuple[str, str]], data_words: set[str] = frozenset()) -> list[tuple[str, str]]:
    """Texts that hold Latin words (not codes or allowed names) in a Chinese screen."""
    return [(w, t) for w, t in found
            if any(word not in LATIN_ALLOWED for word in LATIN_WORD.findall(_without(t, data_words)))]


def _without(text: str, words: set[str]) -> str:
    text = re.sub(r"<[^>]+>", " ", text)                   # rich-text markup is not shown
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, " ")
    text = re.sub(r"\b[A-Z]{2}\d{4,}\b", " ", text)        # card codes like JF000001
    text = re.sub(r"\b\d+:[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", " ", text)   # books' codes 61:PPYC-BBCD-K5JX
    return re.sub(r"/[\w./-]+", " ", text)                 # file paths
