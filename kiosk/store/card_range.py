"""The top card code of one counter's range, among residents' cards and retired cards."""

from __future__ import annotations

from kiosk.store.db import Database


def highest_code(db: Database, glob: str) -> str | None:
    """Codes given out once stay taken, so a replaced (retired) card counts too; each side is
    one step down its unique index. A code an older program stored in lower case (jf000007)
    counts as its upper-case self, so the next code never differs from it only in case."""
    found = [db.scalar(f"SELECT {column} FROM {table} WHERE {column} GLOB ? ORDER BY {column} DESC LIMIT 1",
                       (pattern,))
             for table, column in (("resident", "card_code"), ("retired_card", "code"))
             for pattern in {glob, glob.lower()}]
    return max((code.upper() for code in found if code), default=None)
