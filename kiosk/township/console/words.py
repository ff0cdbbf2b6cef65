"""The console's words, looked up: templates call t("key", **params); the table is kiosk.messages.township_console."""

from __future__ import annotations

from kiosk.messages.township_console import WORDS
from kiosk.township.words import beside_village


def say(key: str, lang: str, /, **params: object) -> str:
    zh, en = WORDS.get(key, (key, key))
    return (en if lang == "en" else zh).format(**params) if params else (en if lang == "en" else zh)


def credits_waiting(w: dict, lang: str) -> str:
    """An account whose hold waits for credits a counter says are on their way (holds.deferred, with
    its village_name and points), with whose claim it waits for: the console's and the CLI's words."""
    counter = beside_village(w.get("village_name"), w.get("counter"))
    if counter and w.get("counter_number"):
        counter = say("counter_numbered", lang, name=counter, number=w["counter_number"])
    return say("credits_waiting", lang, points=w["points"], counter=counter or say("some_counter", lang))
