"""Words in the user's language: Simplified Chinese by default, English available.

The program is written in Chinese; English comes from a gettext catalogue
(assets/translations/en/LC_MESSAGES/kiosk.po, compiled to kiosk.mo). Write a
word for the screen as `_("中文")`, with named placeholders filled by .format()
after the lookup; mark words kept in tables with `N_("中文")` and look them up
with `_()` where they are shown. Refusals carry a code and values; `message()`
turns them into words, with the code as the catalogue's context. Keep
placeholders named, never build a sentence from pieces.
Update the catalogue with `python packaging/translations.py update`.

This module is the machinery only. The tables of words live in kiosk/messages by
area: refusal messages (merged here into MESSAGES), the code words that fill their
placeholders (kiosk.messages.values), and the words screens keep in tables.
"""

from __future__ import annotations

import gettext
import os
from functools import cache

from kiosk.messages import merged
from kiosk.messages.marks import N_, Marked  # noqa: F401  (marks are written N_ everywhere; kept here too)
from kiosk.messages.values import PARAM_WORDS

DEFAULT_LANG = "zh"
LANGS = ("zh", "en")
DOMAIN = "kiosk"


# Every refusal's words by code, merged from the areas' tables (kiosk.messages).
MESSAGES: dict[str, str] = merged()


_chosen: str | None = None   # the village's setting `ui.language`, applied when the program starts


def current_lang() -> str:
    """KIOSK_LANG when set (tests, scripts), else the village's chosen language, else Chinese."""
    lang = (os.environ.get("KIOSK_LANG") or _chosen or DEFAULT_LANG)[:2].lower()
    return lang if lang in LANGS else DEFAULT_LANG


def use_language(lang: str | None) -> None:
    """The language this program shows from now on (read once at start: screens keep their words)."""
    global _chosen
    _chosen = lang if lang in LANGS else None


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue for a language; Chinese is the source and needs none."""
    if lang == DEFAULT_LANG:
        return gettext.NullTranslations()
    from kiosk.paths import translations_dir

    return gettext.translation(DOMAIN, localedir=translations_dir(), languages=[lang], fallback=True)


def _(text: str, lang: str | None = None) -> str:
    """`text` (Chinese, as written in the program) in the reader's language."""
    if not text:
        return text  # gettext("") is the catalogue's header
    context = getattr(text, "context", None)
    found = catalogue(lang or current_lang())
    return found.pgettext(context, text) if context else found.gettext(text)


def _p(context: str, text: str, lang: str | None = None) -> str:
    """Like _(), for a word that reads differently in one place (`context` tells them apart)."""
    return catalogue(lang or current_lang()).pgettext(context, text) if text else text


def word(table: dict[str, str], key: str, lang: str | None = None) -> str:
    return _(table[key], lang) if key in table else key


def message(code: str, lang: str | None = None, /, **params: object) -> str:
    if code not in MESSAGES:
        return code + (f" {params}" if params else "")
    shown = {k: word(PARAM_WORDS[k], str(v), lang) if k in PARAM_WORDS else v
             for k, v in params.items()}
    return _p(code, MESSAGES[code], lang).format(**shown)


def argparse_in_our_language() -> None:
    """Let argparse's own words (help headings, usage errors) follow the program's language:
    argparse looks each up through its module's `_` and `ngettext` (gettext) when it writes it."""
    import argparse

    from kiosk.messages.argparse_words import ARGPARSE_ZH

    def zh(text: str) -> str:
        return ARGPARSE_ZH.get(text, text) if current_lang() == DEFAULT_LANG else text

    argparse._ = zh
    argparse.ngettext = lambda one, many, n: zh(one if n == 1 else many)
