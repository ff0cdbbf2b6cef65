"""Writing the audit row that goes with every mutation, in its transaction."""

from __future__ import annotations

import sqlite3

from kiosk.services.context import Context
from kiosk.store import audit


def audit_row(conn: sqlite3.Connection, ctx: Context, action: str, target_type: str,
              target_id: str, before: object = None, after: object = None) -> None:
    """The row names the second manager who confirmed with their PIN, when there was one (回避)."""
    if ctx.second is not None:
        after = {**(after if isinstance(after, dict) else {"value": after} if after is not None else {}),
                 "second_manager": ctx.second.name}
    audit.append(
        conn, at=ctx.now_text(), operator_id=ctx.actor.operator_id,
        operator_name=ctx.actor.name, action=action, target_type=target_type,
        target_id=target_id, before=before, after=after,
    )
