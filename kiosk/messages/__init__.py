"""Tables of words by area, with the same area names as kiosk/services, kiosk/cli and tests; kiosk.i18n merges them.

Each area's module (points, people, shop, stock, sync, selfservice, setup, reports, audit) holds MESSAGES,
refusal code -> Simplified Chinese (the English is in the gettext catalogue), and beside it every other table
of words that area shows (the lookups stay with the code that shows them). Shared: database (the database,
settings and files), values (the code words that fill refusals' placeholders), marks (N_). The township
server's words: township, township_console, township_rules. Tables import only kiosk.messages.marks (N_) and
kiosk.core, never kiosk.i18n.
"""

from __future__ import annotations

from importlib import import_module

AREAS = ("database", "people", "points", "shop", "stock", "selfservice", "sync", "setup", "reports", "audit")


def merged() -> dict[str, str]:
    table: dict[str, str] = {}
    for area in AREAS:
        for code, words in import_module(f"kiosk.messages.{area}").MESSAGES.items():
            if code in table:
                raise RuntimeError(f"message code {code!r} is defined twice")
            table[code] = words
    return table
