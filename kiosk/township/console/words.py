"""The console's words, looked up: templates call t("key", **params); the table is kiosk.messages.township_console."""

from __future__ import annotations

from kiosk.messages.township_console import WORDS


def say(key: str, lang: str, /, **params: object) -> str:
    zh, en = WORDS.get(key, (key, key))
    return (en if lang == "en" else zh).format(**params) if params else (en if lang == "en" else zh)
