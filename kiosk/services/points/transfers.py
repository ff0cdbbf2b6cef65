"""Points moving between two accounts when households change: a 'transfer' pair summing to zero."""

from __future__ import annotations

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.services.context import Context
from kiosk.store import journal, ledger
from kiosk.store.ledger import NewEntry


def refuse_held(*accounts) -> None:
    """Points of an account on hold stay put until a manager has looked at it."""
    for account, name in accounts:
        if account is not None and account["hold_reason"]:
            raise Refused("account_on_hold", name=name, reason=account["hold_reason"])


def transfer(conn, ctx: Context, from_account: str, to_account: str, hundredths: int,
             note: str, from_resident: str | None = None,
             to_resident: str | None = None) -> tuple[str, str]:
    """Post -amount on one account and +amount on the other; returns (out id, in id)."""
    out_id, in_id = new_id(), new_id()
    at, day = ctx.now_text(), ctx.clock.now().date().isoformat()
    for entry_id, account, amount, resident in ((out_id, from_account, -hundredths, from_resident),
                                                (in_id, to_account, hundredths, to_resident)):
        ledger.post(conn, NewEntry(
            id=entry_id, account_id=account, resident_id=resident, kind="transfer", hundredths=amount,
            note=note, operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id, at=at,
            activity_date=day), journaled=False)
    journal.record_many(conn, ctx.terminal.id, [("entry", out_id), ("entry", in_id)])
    return out_id, in_id


def forfeit(conn, ctx: Context, account: str, hundredths: int, note: str,
            resident: str | None = None) -> str:
    """Points that nobody keeps: one 'expire' entry taking them off the account."""
    entry_id = new_id()
    ledger.post(conn, NewEntry(
        id=entry_id, account_id=account, resident_id=resident, kind="expire", hundredths=-hundredths,
        note=note, operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id, at=ctx.now_text(),
        activity_date=ctx.clock.now().date().isoformat()))
    return entry_id
