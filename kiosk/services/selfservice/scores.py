"""Every household's earned score this month or year, for rankings on every touch.

A year's ranking sums the whole village's awards. The ledger is append-only (triggers
forbid changing or removing an entry) and each new entry gets a higher rowid, so the
sums per account are read once per period and database, and afterwards only the
entries added since are folded in: one short rowid range per touch. If the entry the
sums end at is gone or different (a rolled-back write, a restored backup), they are
read again from scratch.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import NamedTuple

from kiosk.core.errors import Refused
from kiosk.core.periods import Period, period_bounds
from kiosk.services.context import Context
from kiosk.services.selfservice.words import house_order
from kiosk.store import selfservice as store
from kiosk.store.db import Database

PERIODS = {"month": Period.MONTH, "year": Period.YEAR}


class Score(NamedTuple):
    household_id: str
    house_no: str
    head: str
    earned: int        # hundredths


@dataclass
class _Sums:
    upto: int                  # rowid of the last entry counted
    upto_id: str | None        # and its id, to notice a ledger that is not the one counted
    by_account: dict[str, int]


_lock = threading.Lock()
_sums: weakref.WeakKeyDictionary[Database, dict[tuple[str, str], _Sums]] = weakref.WeakKeyDictionary()


def earned_by_account(db: Database, start: str, end: str) -> dict[str, int]:
    """Awards less deductions dated in [start, end), per account, up to the newest entry."""
    with _lock:
        periods = _sums.setdefault(db, {})
        upto, upto_id = store.last_entry(db)
        sums = periods.get((start, end))
        if sums is None or upto < sums.upto or store.entry_id_at(db, sums.upto) != sums.upto_id:
            for ended in [key for key in periods if key[1] <= start]:
                del periods[ended]
            sums = periods[(start, end)] = _Sums(0, None, {})
        if upto != sums.upto:
            for account_id, earned in store.earned_by_account(db, start, end, sums.upto, upto):
                sums.by_account[account_id] = sums.by_account.get(account_id, 0) + earned
            sums.upto, sums.upto_id = upto, upto_id
        return dict(sums.by_account)


def scores(ctx: Context, period: str) -> list[Score]:
    """Every active household's score this month or year, best first; households with no
    entries score 0. Ties go to the lower house number ('3组2号' before '3组12号')."""
    if period not in PERIODS:
        raise Refused("ranking_period_unknown", value=period)
    start, end = (d.isoformat() for d in period_bounds(PERIODS[period], ctx.clock.now().date()))
    owner = store.account_households(ctx.db)
    earned: dict[str, int] = {}
    for account_id, value in earned_by_account(ctx.db, start, end).items():
        household = owner.get(account_id)
        earned[household] = earned.get(household, 0) + value
    rows = [Score(h["id"], h["house_no"], h["head"], earned.get(h["id"], 0))
            for h in store.active_households(ctx.db)]
    return sorted(rows, key=lambda s: (-s.earned, house_order(s.house_no), s.household_id))


def place_of(rows: list[Score], household_id: str) -> int:
    """1-based place of a household in `scores` (0 when it is not ranked)."""
    return next((n for n, row in enumerate(rows, start=1) if row.household_id == household_id), 0)
