"""Message tables by area, each owned by the code that raises them; kiosk.i18n merges them.

Every table maps a refusal code to its words in Simplified Chinese; the English is in the gettext catalogue (kiosk.i18n).
Beside them live the other tables of words, by area: the code words that fill refusals' placeholders
(values), the touchscreen's units (selfservice), sync's record types (sync), the township server's
words (township, township_console). Tables import only kiosk.messages.marks (N_), never kiosk.i18n.
"""

from __future__ import annotations

from importlib import import_module

AREAS = ("database", "people", "points", "shop", "selfservice", "catalogue", "stock", "labels", "reports", "backups", "cards", "setup", "points_admin", "people_admin", "sync", "cross", "shop_goods", "conflicts", "certificates")


def merged() -> dict[str, str]:
    table: dict[str, str] = {}
    for area in AREAS:
        for code, words in import_module(f"kiosk.messages.{area}").MESSAGES.items():
            if code in table:
                raise RuntimeError(f"message code {code!r} is defined twice")
            table[code] = words
    return table
