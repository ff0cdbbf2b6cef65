"""A village's policies: how its accounts and reviews work."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AccountMode(StrEnum):
    HOUSEHOLD = "household"  # 户积分: one shared account per household
    RESIDENT = "resident"    # one account per resident


@dataclass(frozen=True)
class VillagePolicy:
    account_mode: AccountMode = AccountMode.HOUSEHOLD
    claim_review: bool = True     # volunteers' awards wait for a manager
    pin_lockout_after: int = 5
    pin_lockout_minutes: int = 15
