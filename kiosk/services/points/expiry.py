"""Points that expire: the job that posts 'expire' entries, and what is due and when.

The village's setting says how (kiosk.config: none / a yearly reset date / N months
after earning). The job runs when the counter starts and then every hour; a table
with one row per policy and period makes a second run in the same period post
nothing. A yearly reset empties the spendable balance only: the honour score that
grades are made of counts awards and deductions, never expiries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.config import EXPIRY_MONTHS, EXPIRY_POLICY, EXPIRY_RESET_DATE
from kiosk.core import expiry as fifo
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.services.setup import settings
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import expiry as store
from kiosk.store import journal, ledger
from kiosk.store.ledger import NewEntry

SOON_DAYS = 30


@dataclass(frozen=True)
class Due:
    account_id: str
    hundredths: int


@dataclass(frozen=True)
class RunResult:
    policy: str
    period: str | None     # None: points never expire, nothing ran
    accounts: int
    total: Points
    already: bool = False  # this period had run before: nothing was posted


@dataclass(frozen=True)
class Status:
    rule: fifo.Rule
    period: str | None
    ran_this_period: bool
    due_now: Points
    due_accounts: int
    soon: Points           # what will expire within SOON_DAYS after today
    next_run: date | None
    last_period: str | None
    last_at: str | None
    last_total: Points


def rule(ctx: Context) -> fifo.Rule:
    return fifo.Rule.of(settings.value(ctx, EXPIRY_POLICY), settings.value(ctx, EXPIRY_RESET_DATE),
                        settings.value(ctx, EXPIRY_MONTHS))


def _lots(ctx: Context, chosen: fifo.Rule):
    for account_id, moves in store.movements_of_accounts_in_credit(ctx.db):
        yield account_id, fifo.live_lots(((_day(at), amount) for at, amount in moves), chosen.expires_on)


def _day(at: str) -> date:
    return datetime.strptime(at[:10], "%Y-%m-%d").date()


def due_now(ctx: Context, chosen: fifo.Rule, today: date) -> list[Due]:
    return [Due(account_id, amount) for account_id, lots in _lots(ctx, chosen)
            if (amount := fifo.due(lots, today)) > 0]


def run_due(ctx: Context) -> RunResult:
    """Post this period's expiries once (the counter's job, and `kiosk expiry run`)."""
    require(ctx.actor, Action.ADJUST_POINTS)
    chosen = rule(ctx)
    today = ctx.clock.now().date()
    period = chosen.period(today)
    if period is None:
        return RunResult(chosen.policy.value, None, 0, Points(0))
    if store.has_run(ctx.db, chosen.policy.value, period):
        return RunResult(chosen.policy.value, period, 0, Points(0), already=True)
    with ctx.db.write() as conn:
        if store.has_run(conn, chosen.policy.value, period):   # another counter's run, merged in
            return RunResult(chosen.policy.value, period, 0, Points(0), already=True)
        dues = due_now(ctx, chosen, today)
        _post(conn, ctx, chosen, period, dues)
    return RunResult(chosen.policy.value, period, len(dues), Points(sum(d.hundredths for d in dues)))


def _post(conn, ctx: Context, chosen: fifo.Rule, period: str, dues: list[Due]) -> None:
    owners = store.account_owners(ctx.db)
    at, day, note = ctx.now_text(), ctx.clock.now().date().isoformat(), _note(chosen, period)
    ids = []
    for due in dues:
        entry_id = new_id()
        ledger.post(conn, NewEntry(
            id=entry_id, account_id=due.account_id, resident_id=owners.get(due.account_id),
            kind="expire", hundredths=-due.hundredths, note=note, operator_id=ctx.actor.operator_id,
            terminal_id=ctx.terminal.id, at=at, activity_date=day), journaled=False)
        ids.append(("entry", entry_id))
    journal.record_many(conn, ctx.terminal.id, ids)
    run_id = new_id()
    total = sum(d.hundredths for d in dues)
    store.insert_run(conn, id=run_id, policy=chosen.policy.value, period=period, entries=len(dues),
                     hundredths=total, operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id,
                     at=at)
    audit_row(conn, ctx, "expiry.run", "expiry_run", run_id,
              after={"policy": chosen.policy.value, "period": period, "accounts": len(dues),
                     "points": str(Points(total))})


def _note(chosen: fifo.Rule, period: str) -> str:
    """Stored with each entry, in the village's words, as a history line shows it."""
    if chosen.policy is fifo.Policy.YEARLY:
        return f"积分每年清零（{period}）"
    return f"积分获得满 {chosen.months} 个月过期"


def status(ctx: Context) -> Status:
    """What the policy is, what is due now and soon, and the last run; readable by anyone."""
    chosen = rule(ctx)
    today = ctx.clock.now().date()
    period = chosen.period(today)
    now = soon = accounts = 0
    if chosen.policy is not fifo.Policy.NONE:
        until = today + timedelta(days=SOON_DAYS)
        for _, lots in _lots(ctx, chosen):
            owed = fifo.due(lots, today)
            now, accounts = now + owed, accounts + (owed > 0)
            soon += fifo.due_between(lots, today, until)
    last = store.last_run(ctx.db)
    return Status(
        chosen, period, bool(period) and store.has_run(ctx.db, chosen.policy.value, period),
        Points(now), accounts, Points(soon), chosen.next_run(today),
        last["period"] if last else None, last["at"] if last else None,
        Points(last["hundredths"] if last else 0))
