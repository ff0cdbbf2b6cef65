"""Refusals: a reason code and its values; the words live in kiosk.i18n."""

from __future__ import annotations


class Refused(Exception):
    """An action refused for a reason the user can act on.

    The database is left exactly as it was. `code` names a message in
    kiosk.i18n; `params` fills its placeholders.
    """

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str | None = None) -> str:
        from kiosk.i18n import message

        return message(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.message()
