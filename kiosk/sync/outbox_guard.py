"""Frozen bodies that no longer say what their record says: written into sync_outbox outside
the program.

A body is frozen the first time it is read (kiosk/sync/outbox.py) and sent as it is, so an
insider who writes a frozen row before the program does (INSERT OR IGNORE keeps his) or edits
one waiting after a cut connection sends the township what the books never held: an award
of 1000 points where the books hold 5, which the other counters then pull and a bank's 积分证明
shows. An entry never changes once written and its body is every column of it, so a frozen
entry whose body differs from the row is dropped and sent again from the books, and an audit
row (chained) says so, for `kiosk check` to name.
"""

from __future__ import annotations

import json
from datetime import datetime

from kiosk.store import audit
from kiosk.store import outbox as store
from kiosk.store.bodies import plain_bodies
from kiosk.store.db import Database

GUARDED = ("entry",)


def contradicted(db: Database, frozen: dict, rows) -> list[int]:
    """Seqs of the frozen bodies of guarded types whose record, still in the books, says otherwise
    (a column the body lacks, added by a later migration, is not a contradiction)."""
    ids = {row["seq"]: row["record_id"] for row in rows if row["seq"] in frozen and frozen[row["seq"]]["type"] in GUARDED}
    if not ids:
        return []
    now = plain_bodies(db, "entry", list(ids.values()))
    out = []
    for seq, record_id in ids.items():
        current = now.get(record_id) or {"removed": True}
        try:
            sent = json.loads(frozen[seq]["body"])
        except ValueError:
            sent = None
        if current.get("removed"):
            continue   # gone from the books: `kiosk check` names that
        if not isinstance(sent, dict) or any(key in sent and sent[key] != value for key, value in current.items()):
            out.append(seq)
    return out


def drop(db: Database, terminal_id: str, seqs: list[int], frozen: dict) -> None:
    """Forget those frozen bodies (the books' own are frozen instead) and say so in the audit trail."""
    at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    with db.write() as conn:
        store.unfreeze(conn, terminal_id, seqs)
        for seq in seqs:
            audit.append(conn, at=at, operator_id=None, operator_name="系统", action=store.WRITTEN_OUTSIDE,
                         target_type="sync_outbox", target_id=str(frozen[seq]["id"]),
                         before={"body": frozen[seq]["body"]}, after={"seq": seq, "type": frozen[seq]["type"]})
