"""The top card code of one counter's range, among residents' cards and retired cards."""

from __future__ import annotations

from kiosk.store.db import Database


def highest_code(db: Database, glob: str) -> str | None:
    """Codes given out once stay taken, so a replaced (retired) card counts too; each side is
    one step down its unique index."""
    found = [db.scalar(f"SELECT {column} FROM {table} WHERE {column} GLOB ? ORDER BY {column} DESC LIMIT 1",
                       (glob,))
             for table, column in (("resident", "card_code"), ("retired_card", "code"))]
    return max((code for code in found if code), default=None)
