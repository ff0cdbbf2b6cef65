"""Corrections (更正): revoke an entry by posting its reversal. Nothing is edited in place.

The reversal is the original's opposite (an award's is a deduction, a deduction's an
award, an adjustment's an adjustment), names it in `reverses_id`, keeps its rule and
its activity date (so caps, grades and the year's score come out right) and says why.
An entry is revoked once at most.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.kinds import ENTRY_KINDS
from kiosk.core.names import clean_name
from kiosk.core.points import Points
from kiosk.services.points.claims import kept_version
from kiosk.services.context import Context
from kiosk.services.permissions import Act, Action, household_of_account, require, require_second_if_own
from kiosk.services.selfservice.words import act_words, adjustment_words, reversal_words
from kiosk.services.trail import audit_row
from kiosk.store import corrections as store
from kiosk.store import ledger
from kiosk.store.ledger import NewEntry

OPPOSITE = {k.code: k.revoked_by for k in ENTRY_KINDS.values() if k.revocable}


@dataclass(frozen=True)
class Revocation:
    entry_id: str          # the entry revoked
    reversal_id: str       # the entry that revokes it
    resident: str
    what: str              # the act in words, or the adjustment's reason
    points: Points         # the reversal's amount (the original's, negated)
    balance_after: Points
    reason: str


@dataclass(frozen=True)
class EntryLine:
    """An award, deduction or adjustment as the corrections list shows it."""
    id: str
    at: str
    day: str
    resident: str
    house_no: str
    what: str
    points: Points
    kind: str
    operator: str
    revoked: bool
    is_reversal: bool


def revoke(ctx: Context, entry_ref: str, reason: str) -> Revocation:
    """Revoke an award, deduction or adjustment with a reason (managers only)."""
    require(ctx.actor, Action.ADJUST_POINTS)
    if not reason or not str(reason).strip():
        raise Refused("revoke_reason_required")
    reason = clean_name(reason, "reason")
    row = find_entry(ctx, entry_ref)
    require_second_if_own(ctx, [household_of_account(ctx, row["account_id"])], Act.REVOKE)
    with ctx.db.write() as conn:
        reversal_id, after = post_reversal(conn, ctx, row, reason)
        audit_row(conn, ctx, "entry.revoke", "entry", row["id"],
                  before={"points": str(Points(row["hundredths"]))},
                  after={"reversal": reversal_id, "reason": reason, "balance": str(after)})
    return Revocation(row["id"], reversal_id, row["resident_name"] or "", describe(row),
                      Points(-row["hundredths"]), after, reason)


def find_entry(ctx: Context, ref: str):
    """An entry by its id or the id's last characters (at least 4)."""
    text = str(ref or "").strip().lower()
    rows = store.find_entries(ctx.db, text) if text else []
    if not rows:
        raise Refused("entry_not_found", query=str(ref or "")[:40])
    if len(rows) > 1:
        raise Refused("entry_ambiguous", query=text)
    return rows[0]


def post_reversal(conn, ctx: Context, row, reason: str, below_zero: bool = False) -> tuple[str, Points]:
    """Post the reversal of `row` inside the caller's transaction; (its id, balance after).

    `below_zero`: a correction decided on (an upheld objection) takes the points back even
    when they were spent; the balance may then go below zero, which is not an overdraft."""
    _check_revocable(conn, row)
    before = ledger.balance(conn, row["account_id"])
    if row["hundredths"] > 0 and before < row["hundredths"] and not below_zero:
        raise Refused("revoke_overdraw", points=str(Points(row["hundredths"])), balance=str(Points(before)))
    reversal_id = new_id()
    ledger.post(conn, NewEntry(
        id=reversal_id, account_id=row["account_id"], resident_id=row["resident_id"],
        kind=OPPOSITE[row["kind"]], hundredths=-row["hundredths"], rule_id=row["rule_id"], qty=row["qty"],
        reverses_id=row["id"], note=reason, operator_id=ctx.actor.operator_id,
        terminal_id=ctx.terminal.id, at=ctx.now_text(), activity_date=row["activity_date"],
        **kept_version(row)))
    return reversal_id, Points(before - row["hundredths"])


def _check_revocable(conn, row) -> None:
    if row["kind"] not in OPPOSITE:
        raise Refused("revoke_not_points")
    if row["reverses_id"] is not None:
        raise Refused("revoke_a_reversal")
    done = store.reversal_of(conn, row["id"])
    if done is not None:
        raise Refused("revoke_twice", at=done["at"][:16], reason=done["note"])


def describe(row) -> str:
    """The entry in words; a reversal reads 撤销 … (what it takes back)."""
    if row["kind"] == "adjust" and not row["rule_name"]:
        words = adjustment_words(row["note"])
    else:
        words = act_words(row["rule_name"], row["shape"], row["qty"]) or row["note"]
    return reversal_words(words) if row["reverses_id"] else words


def recent_entries(ctx: Context, limit: int = 100) -> list[EntryLine]:
    """The newest awards, deductions and adjustments, for a manager to pick one to revoke."""
    return [EntryLine(r["id"], r["at"], r["activity_date"], r["resident_name"] or "",
                      r["house_no"] or "", describe(r), Points(r["hundredths"]), r["kind"],
                      r["operator_name"] or "", r["reversal_id"] is not None,
                      r["reverses_id"] is not None)
            for r in store.recent(ctx.db, limit)]
