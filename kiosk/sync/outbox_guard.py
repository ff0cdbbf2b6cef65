"""Frozen bodies that no longer say what their record says: written into sync_outbox outside
the program.

A body is frozen the first time it is read (kiosk/sync/outbox.py) and sent as it is, so an
insider who writes a frozen row before the program does (INSERT OR IGNORE keeps his) or edits
one waiting after a cut connection sends the township what the books never held: an award
of 1000 points where the books hold 5, or a redeem of rice as 0.01 points, which the other
counters then pull and a bank's 积分证明 shows. Entries, sales, refunds and stock moves never
change once written, so a frozen body that disagrees with the record (and its parts) is dropped
and sent again from the books, and an audit row (chained) says so, for `kiosk check` to name.
"""

from __future__ import annotations

import json
from datetime import datetime

from kiosk.store import audit
from kiosk.store import outbox as store
from kiosk.store.bodies import plain_bodies
from kiosk.store.db import Database

GUARDED = ("entry", "sale", "refund", "stock_move")
NOT_COMPARED = ("village_id", "changed_at")   # what the outbox itself puts in a body


def contradicted(db: Database, frozen: dict, rows) -> list[int]:
    """Seqs of the frozen bodies of guarded types whose record, still in the books, says otherwise."""
    ids = {row["seq"]: (row["record_type"], row["record_id"]) for row in rows
           if row["seq"] in frozen and row["record_type"] in GUARDED}
    if not ids:
        return []
    now = {}
    for kind in {kind for kind, _ in ids.values()}:
        now |= {(kind, key): body for key, body in
                plain_bodies(db, kind, [key for k, key in ids.values() if k == kind]).items()}
    out = []
    for seq, record in ids.items():
        current = now.get(record) or {"removed": True}
        try:
            sent = json.loads(frozen[seq]["body"])
        except ValueError:
            sent = None
        if current.get("removed"):
            continue   # gone from the books: `kiosk check` names that
        if not _agrees(sent, current):
            out.append(seq)
    return out


def _agrees(sent, now) -> bool:
    """`sent` says what `now` says, part by part (a column it lacks, added since, is not compared)."""
    if isinstance(now, dict):
        return isinstance(sent, dict) and all(_agrees(sent[key], value) for key, value in now.items()
                                              if key in sent and key not in NOT_COMPARED)
    if isinstance(now, list):
        return isinstance(sent, list) and len(sent) == len(now) and all(map(_agrees, sent, now))
    return sent == now


def drop(db: Database, terminal_id: str, seqs: list[int], frozen: dict) -> None:
    """Forget those frozen bodies (the books' own are frozen instead) and say so in the audit trail."""
    at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    with db.write() as conn:
        store.unfreeze(conn, terminal_id, seqs)
        for seq in seqs:
            audit.append(conn, at=at, operator_id=None, operator_name="系统", action=store.WRITTEN_OUTSIDE,
                         target_type="sync_outbox", target_id=str(frozen[seq]["id"]),
                         before={"body": frozen[seq]["body"]}, after={"seq": seq, "type": frozen[seq]["type"]})
