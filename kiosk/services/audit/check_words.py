"""`kiosk check`'s words (kiosk.messages.check) in the reader's language."""

from __future__ import annotations

from kiosk.i18n import _
from kiosk.messages.check import CHAIN_KIND_WORDS, CHECK_WORDS


def said(code: str, /, **params: object) -> str:
    return _(CHECK_WORDS[code]).format(**params)


def kind_word(kind: str) -> str:
    """What a chained record of `kind` is called (a type this program does not know: as it is written)."""
    return _(CHAIN_KIND_WORDS[kind]) if kind in CHAIN_KIND_WORDS else kind


class Found(str):
    """A problem as a manager reads it, carrying its `trace` for an engineer (record ids, positions;
    `kiosk check --json` shows it, the words never)."""

    trace: str

    def __new__(cls, text: str, trace: str = "") -> Found:
        made = super().__new__(cls, text)
        made.trace = trace
        return made


def traced(problem: str) -> str:
    """The words and, in brackets, the trace: what tests and logs match."""
    trace = getattr(problem, "trace", "")
    return f"{problem} ({trace})" if trace else str(problem)
