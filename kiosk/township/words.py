"""The township's own words (admin CLI and HTTP error details), looked up: the tables are in kiosk.messages.township."""

from __future__ import annotations

from kiosk.i18n import word
from kiosk.messages.township import WORDS


def say(code: str, lang: str | None = None, /, **params: object) -> str:
    return word(WORDS, code, lang).format(**params)


class TownshipRefused(Exception):
    """A refusal with a word code; `status` is the HTTP status when it crosses the wire."""

    def __init__(self, code: str, status: int = 400, /, **params: object) -> None:
        super().__init__(code)
        self.code, self.status, self.params = code, status, params

    def words(self, lang: str | None = None) -> str:
        return say(self.code, lang, **self.params)
