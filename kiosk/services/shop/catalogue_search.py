"""Searching the catalogue as you type: the whole list read once, then searched in memory.

A screen loads the index (one query) and searches it at every keystroke; after a
save it loads it again. `search` does both at once for the command line.
"""

from __future__ import annotations

from kiosk.core.catalogue_index import SHOWN, CatalogueIndex, Entry, Found
from kiosk.core.points import Points
from kiosk.services.context import Context
from kiosk.store import catalogue as store


def load_index(ctx: Context) -> CatalogueIndex:
    return CatalogueIndex([_entry(row) for row in store.catalogue_rows(ctx.db)])


def search(ctx: Context, text: str, include_retired: bool = False, limit: int = SHOWN) -> Found:
    return load_index(ctx).find(text, include_retired, limit)


def choices(ctx: Context) -> tuple[list[str], list[str]]:
    """The shop's categories and units, for the form's drop-down lists."""
    return store.categories(ctx.db), store.units(ctx.db)


def _entry(row) -> Entry:
    others = [c for c in (row["codes"] or "").split() if c != row["code"]]
    return Entry(row["id"], row["code"], row["name"], row["initials"], row["category"] or "",
                 row["unit"], Points(row["price"]), row["stock"], bool(row["active"]),
                 row["owner"] == "township", (row["code"], *others), bool(row["has_picture"]),
                 row["reorder_level"], row["qty_scale"], row["limit_qty"], row["limit_period"])
