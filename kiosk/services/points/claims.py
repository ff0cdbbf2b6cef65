"""Reviewing claims (审核): approve credits the points, reject keeps a reason.

With `claims.credit_after_notice` on, an approved claim goes on public notice (公示)
first and credits when the notice ends (kiosk.services.points.notice_credit); otherwise it
credits at once and stays on notice for the same days.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import CREDIT_AFTER_NOTICE
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.points import Points
from kiosk.services.setup import settings
from kiosk.services.context import Context
from kiosk.services.permissions import Act, Action, household_of_account, require, require_second_if_own
from kiosk.services.trail import audit_row
from kiosk.store import claims as store
from kiosk.store import ledger
from kiosk.store import people as people_store
from kiosk.store.ledger import NewEntry


@dataclass(frozen=True)
class Claim:
    id: str
    resident: str
    house_no: str
    rule: str
    qty: int
    points: Points
    status: str
    filed_by: str
    filed_at: str
    activity_date: str
    note: str
    reason: str
    entry_id: str | None = None     # the credited entry; None while pending or waiting for notice
    withheld: bool = False          # approved, but an objection upheld in its notice: never credits

    @classmethod
    def of(cls, row) -> Claim:
        return cls(row["id"], row["resident_name"], row["house_no"], row["rule_name"], row["qty"],
                   Points(row["points"]), row["status"], row["filed_by_name"], row["filed_at"],
                   row["activity_date"], row["note"], row["decision_reason"] or "", row["entry_id"],
                   bool(row["withheld"]))

    @property
    def waiting_for_notice(self) -> bool:
        return self.status == "approved" and self.entry_id is None and not self.withheld


def list_claims(ctx: Context, status: str | None = "pending") -> list[Claim]:
    return [Claim.of(row) for row in store.listing(ctx.db, status)]


def _one(ctx: Context, ref: str):
    rows = store.find(ctx.db, str(ref).strip()) if str(ref).strip() else []
    if len(rows) != 1:
        raise Refused("claim_unknown", query=ref)
    row = rows[0]
    if row["status"] != "pending":
        raise Refused("claim_decided", status=row["status"])
    if row["filed_by"] == ctx.actor.operator_id:
        raise Refused("claim_own")
    require_second_if_own(ctx, [household_of_account(ctx, row["account_id"])], Act.APPROVE)
    return row


def approve(ctx: Context, ref: str) -> Claim:
    require(ctx.actor, Action.APPROVE_CLAIM)
    row = _one(ctx, ref)
    resident = people_store.resident(ctx.db, row["resident_id"])
    if resident["status"] != "active":
        raise Refused("resident_inactive", name=resident["name"], status=resident["status"])
    after_notice = settings.value(ctx, CREDIT_AFTER_NOTICE)
    with ctx.db.write() as conn:
        entry_id = None if after_notice else credit(conn, ctx, row, ctx.actor.operator_id)
        store.decide(conn, id=row["id"], status="approved", decided_by=ctx.actor.operator_id,
                     decided_at=ctx.now_text(), reason=None, entry_id=entry_id,
                     terminal_id=ctx.terminal.id)
        audit_row(conn, ctx, "claim.approve", "claim", row["id"], before={"status": "pending"},
                  after={"status": "approved", "entry": entry_id,
                         "credit": "after_notice" if after_notice else "now"})
    return Claim.of(store.find(ctx.db, row["id"])[0])


def credit(conn, ctx: Context, row, operator_id: str | None) -> str:
    """Post the entry an approved claim earns; returns its id."""
    entry_id = new_id()
    ledger.post(conn, NewEntry(
        id=entry_id, account_id=row["account_id"], resident_id=row["resident_id"],
        kind="deduct" if row["points"] < 0 else "award", hundredths=row["points"],
        rule_id=row["rule_id"], qty=row["qty"], claim_id=row["id"], note=row["note"],
        operator_id=operator_id, terminal_id=ctx.terminal.id, at=ctx.now_text(),
        activity_date=row["activity_date"], **kept_version(row)))
    return entry_id


def kept_version(row) -> dict:
    """The rule version a claim or entry row was awarded under, to keep on what follows from it."""
    keys = ("rule_version", "version_name", "version_points", "version_shape", "version_unit")
    return {k: row[k] for k in keys if k in row.keys()}


def reject(ctx: Context, ref: str, reason: str) -> Claim:
    require(ctx.actor, Action.APPROVE_CLAIM)
    if not reason or not reason.strip():
        raise Refused("reason_required")
    reason = clean_name(reason, "reason")
    row = _one(ctx, ref)
    with ctx.db.write() as conn:
        store.decide(conn, id=row["id"], status="rejected", decided_by=ctx.actor.operator_id,
                     decided_at=ctx.now_text(), reason=reason, entry_id=None,
                     terminal_id=ctx.terminal.id)
        audit_row(conn, ctx, "claim.reject", "claim", row["id"], before={"status": "pending"},
                  after={"status": "rejected", "reason": reason})
    return Claim.of(store.find(ctx.db, row["id"])[0])
