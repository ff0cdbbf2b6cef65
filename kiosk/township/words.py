"""The township's own words (admin CLI and HTTP error details), looked up: the tables are in kiosk.messages.township."""

from __future__ import annotations

from kiosk.i18n import word
from kiosk.messages.township import WORDS


def say(code: str, lang: str | None = None, /, **params: object) -> str:
    return word(WORDS, code, lang).format(**params)


def beside_village(village: str | None, counter: str | None) -> str:
    """A counter's name where its village is already said: a counter enrols as "青石村 收银台 1"
    (kiosk/sync/enrolment.py), whole when it stands alone; beside "青石村" it is "收银台 1"."""
    name, prefix = counter or "", f"{village} " if village else None
    return name[len(prefix):] if prefix and name.startswith(prefix) and len(name) > len(prefix) else name


class TownshipRefused(Exception):
    """A refusal with a word code; `status` is the HTTP status when it crosses the wire."""

    def __init__(self, code: str, status: int = 400, /, **params: object) -> None:
        super().__init__(code)
        self.code, self.status, self.params = code, status, params

    def words(self, lang: str | None = None) -> str:
        return say(self.code, lang, **self.params)

    def answer(self) -> dict:
        """The refusal as its HTTP answer says it: code, words in both languages, plain values."""
        return {"error": self.code, "message": self.words("zh"), "message_en": self.words("en"),
                **{k: v for k, v in self.params.items() if isinstance(v, (int, str))}}
