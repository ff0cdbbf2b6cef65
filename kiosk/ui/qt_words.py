"""Qt's own words (file dialogs, the right-click menu of text fields, message-box buttons)
in the program's language.

PySide6 ships Qt's catalogues in Qt/translations. `qt_zh_CN.qm` there is only a list of
other catalogues, and one of them (qtmultimedia) is not in PySide6-Essentials, so it does
not load on its own: `qtbase_zh_CN.qm`, which holds the dialog, menu and button words, is
loaded first. Qt speaks English without any catalogue, so English installs none.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from shiboken6 import isValid

QT_LOCALE = {"zh": "zh_CN"}
CATALOGUES = ("qtbase", "qt")   # qtbase holds the words; qt_ loads only with every part present

_installed: list[QTranslator] = []
_now = {"locale": None, "loaded": []}   # what is installed now


def translation_dirs() -> list[str]:
    """Where Qt keeps its catalogues: Qt's own path (also in the bundle), then the wheel's folder."""
    import PySide6

    return [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            str(Path(PySide6.__file__).parent / "Qt" / "translations")]


def use_qt_words(lang: str, app: QCoreApplication | None = None) -> list[str]:
    """Qt's words in `lang` from now on (replacing any installed before); the catalogues loaded.

    Asking again for the language already in place changes nothing: each change makes Qt
    tell every widget its language changed."""
    app = app or QCoreApplication.instance()
    if app is None:
        return []
    locale = QT_LOCALE.get(lang)
    if locale == _now["locale"] and all(isValid(t) and t.parent() is app for t in _installed):
        return list(_now["loaded"])
    for old in _installed:
        if isValid(old):
            app.removeTranslator(old)
    _installed.clear()
    _now["locale"], _now["loaded"] = locale, (_load(app, locale) if locale else [])
    return list(_now["loaded"])


def _load(app: QCoreApplication, locale: str) -> list[str]:
    loaded = []
    for catalogue in CATALOGUES:
        translator = QTranslator(app)
        if any(translator.load(f"{catalogue}_{locale}", folder) for folder in translation_dirs()):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(f"{catalogue}_{locale}")
        else:
            translator.deleteLater()
    return loaded
