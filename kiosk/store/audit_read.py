"""Reading the audit trail (操作记录): rows by operator, kind of action, time and whom they touch.

Writing and hashing the trail belong to kiosk.store.audit; this only reads it.
"""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database
from kiosk.store.text import escape_like


def rows(db: Database, *, operator: str | None = None, kind: str | None = None, since: str | None = None,
         about: tuple[str, ...] = (), limit: int = 500) -> list[sqlite3.Row]:
    """Newest first. `kind`: an action or its area ('rule' finds rule.add, rule.edit …);
    `about`: ids and words one of which the row's target or before/after must name."""
    where, params = [], []
    if operator:
        where.append("operator_name = ?")
        params.append(operator)
    if kind:
        where.append("(action = ? OR action LIKE ? ESCAPE '\\')")
        params += [kind, f"{escape_like(kind)}.%"]
    if since:
        where.append("at >= ?")
        params.append(since)
    if about:
        ors = []
        for word in about:
            ors.append("target_id = ? OR before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\'")
            params += [word, f"%{escape_like(word)}%", f"%{escape_like(word)}%"]
        where.append("(" + " OR ".join(ors) + ")")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return db.all(f"SELECT seq, at, operator_name, action, target_type, target_id, before, after FROM audit"
                  f"{clause} ORDER BY seq DESC LIMIT ?", (*params, limit))
