"""One points entry as the ledger's `entry` table holds it: every column, once.

The counter's services post it (kiosk.store.ledger.post), the sync applies one made elsewhere
with the same columns, and the township makes one when another village's resident redeems
(kiosk/township/cross.py): all three build a `NewEntry`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class NewEntry:
    id: str
    account_id: str
    kind: str
    hundredths: int
    terminal_id: str
    at: str
    activity_date: str
    resident_id: str | None = None
    rule_id: str | None = None
    qty: int | None = None
    claim_id: str | None = None
    sale_id: str | None = None
    refund_id: str | None = None
    reverses_id: str | None = None
    note: str = ""
    operator_id: str | None = None
    rule_version: int | None = None     # the rule version awarded under (kiosk.store.rules.version_fields)
    version_name: str | None = None
    version_points: int | None = None
    version_shape: str | None = None
    version_unit: int | None = None


COLUMNS = tuple(NewEntry.__dataclass_fields__)


def body_of(entry: NewEntry) -> dict:
    """The entry as a record body: every column, as the counters send theirs."""
    return asdict(entry)
