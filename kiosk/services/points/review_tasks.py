"""复核 退回 at the counter: awards the township handed back, a task list for the managers.

A task never changes the ledger: the manager corrects with an ordinary entry (or talks to
the township), then marks the task done with a note, which goes to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import review_tasks

DONE, NOTE_MOST = "review_task_done", 200


@dataclass(frozen=True)
class Task:
    id: str
    household: str
    points: str
    reason: str
    returned_by: str
    returned_at: str
    done: bool


def tasks(ctx: Context) -> list[Task]:
    """Open ones first, then newest first."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    return [Task(r["id"], r["household"], str(Points(r["hundredths"] or 0)), r["reason"], r["returned_by"],
                 r["returned_at"][:16].replace("T", " "), r["done_at"] is not None)
            for r in review_tasks.listed(ctx.db)]


def mark_done(ctx: Context, task_id: str, note: str) -> None:
    require(ctx.actor, Action.CHANGE_SETTINGS)
    note = (note or "").strip()
    if not note:
        raise Refused("reject_note_missing")
    if len(note) > NOTE_MOST:
        raise Refused("reject_note_too_long", most=NOTE_MOST)
    with ctx.db.write() as conn:
        if review_tasks.mark_done(conn, task_id, ctx.actor.name, ctx.now_text()):
            audit_row(conn, ctx, DONE, "review_task", task_id, after={"note": note})
