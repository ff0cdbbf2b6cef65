"""What a push says of the credits its books know (kiosk/township/tables/holds.py, "credits known
but not arrived"): for each account a spending entry of the push touches, the sum of the credits
(positive entries) these books hold for it now. Counted when a batch or a bundle is made, never on
a redeem; online it goes in the push request's body, on a stick in the bundle's manifest, both signed.
A township that sees a sale balance below zero holds the account only if these credits, not yet
arrived there, do not explain it."""

from __future__ import annotations

from kiosk.core.kinds import NEVER_OVERDRAWS
from kiosk.store import ledger
from kiosk.store.db import Database
from kiosk.sync.wire import Record


def spending_accounts(records: list[Record]) -> list[str]:
    """The accounts spending entries of these records take from (deductions, expiry, corrections never overdraw)."""
    found = {r.body.get("account_id") for r in records
             if r.type == "entry" and _whole(r.body.get("hundredths")) and r.body["hundredths"] < 0
             and r.body.get("kind") not in NEVER_OVERDRAWS}
    return sorted(a for a in found if isinstance(a, str))


def known(db: Database, records: list[Record]) -> dict[str, int]:
    """{account: credits these books hold for it} for the accounts the records' spending touches."""
    accounts = spending_accounts(records)
    return ledger.credits_known(db, accounts) if accounts else {}


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
