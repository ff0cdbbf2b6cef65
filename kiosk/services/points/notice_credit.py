"""Crediting approved claims when their public notice ends (claims.credit_after_notice).

Runs when the program starts and whenever the notice screen loads. It is idempotent:
the claims it credits are read and marked inside one write transaction, and a claim
already naming its entry is never credited again, so a second run posts nothing.
A claim an open objection holds waits for a manager's decision; one whose objection
was upheld never credits. With the setting off, every waiting claim credits at once.
"""

from __future__ import annotations

from kiosk.services.points import claims, notice
from kiosk.services.context import SYSTEM, Context
from kiosk.services.trail import audit_row
from kiosk.store import claims as claim_store


def credit_due(ctx: Context) -> int:
    """Credit every claim whose notice has ended; returns how many were credited."""
    job = ctx.as_actor(SYSTEM)
    cut = notice.notice_cut(job) if notice.credits_after_notice(job) else None
    if not claim_store.due_for_credit(job.db, cut):
        return 0                           # the usual case: no write, no lock
    credited = 0
    with job.db.write() as conn:
        for row in claim_store.due_for_credit(conn, cut):
            entry_id = claims.credit(conn, job, row, row["decided_by"])
            if not claim_store.set_credited(conn, row["id"], entry_id, job.terminal.id):
                raise RuntimeError(f"claim {row['id']} was credited twice")   # rolls back
            audit_row(conn, job, "claim.credit", "claim", row["id"],
                      before={"entry": None}, after={"entry": entry_id, "points": row["points"]})
            credited += 1
    return credited


def run_at_start(db, clock=None) -> int:
    """The start-up run; a read-only or locked database just skips it."""
    from kiosk.core.errors import Refused

    ctx = Context(db, SYSTEM) if clock is None else Context(db, SYSTEM, clock)
    try:
        return credit_due(ctx)
    except Refused:
        return 0
