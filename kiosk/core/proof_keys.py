"""What a counter whose books went back proves of the records it sent (kiosk/township/reidentify.py).

Books put back from a copy ask the township for a new identity. An insider with the database
file could claim the same after rewriting a record already sent, so the claim proves itself:
over the old terminal's records 1 … k, the counter's link worked out from the rows it holds now
must equal the township's, worked out from the bodies it stored.

Only records that never change once written count with their contents, and only by the keys
below: each existed in every body of its type ever sent (tests/sync/test_proof_keys.py pins that
against the migration that made the table), so a later migration adding a column never makes an
honest copy's proof differ. Every other record (one that changes: a household, a rule …; its old
versions are not kept on the counter) counts by its seq and type alone. The counter renders the
keys from its tables (kiosk/store/restore_proof.py), the township from the stored JSON
(kiosk/township/tables/restore_proof.py): the same values, the same canonical bytes.

link(record) = record_link.next_link(link before, seq, type, id, sha256(rendered)), from GENESIS;
a record counted by its place alone has "" for id and sha256.
"""

from __future__ import annotations

import hashlib

from kiosk.core.canonical import canonical
from kiosk.core.record_link import GENESIS, next_link

ENTRY = ("id", "account_id", "resident_id", "kind", "hundredths", "rule_id", "qty", "claim_id", "sale_id",
         "refund_id", "reverses_id", "operator_id", "activity_date", "at")
MOVE = ("id", "product_id", "kind", "qty", "sale_id", "refund_id", "source", "operator_id", "at")
SALE_LINE = ("line_no", "product_id", "price", "qty")
REFUND_LINE = ("line_no", "qty")
CROSS_LINE = ("line_no", "product_id", "price", "qty")

# The keys of each proved type's own row, then of each part it carries (its name in the body, the
# keys of each of its rows). The parts are those of kiosk/store/bodies.py SPECS, in their order.
PROOF_KEYS: dict[str, tuple[str, ...]] = {
    "entry": ENTRY,
    "stock_move": MOVE,
    "sale": ("id", "receipt", "resident_id", "account_id", "total", "balance_before", "balance_after",
             "operator_id", "at"),
    "refund": ("id", "sale_id", "total", "balance_after", "operator_id", "at"),
    "cross_sale": ("id", "receipt", "card_code", "total", "home_total", "home_balance_after", "operator_id", "at"),
}
PROOF_PARTS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "sale": (("lines", SALE_LINE), ("entry", ENTRY), ("stock_moves", MOVE)),
    "refund": (("lines", REFUND_LINE), ("entry", ENTRY), ("stock_moves", MOVE)),
    "cross_sale": (("lines", CROSS_LINE),),
}
REMOVED = canonical(["removed"])      # a record whose row is gone (kiosk/store/bodies.py plain_bodies)


def rendered(values: list) -> bytes:
    """One record's proved values (its keys' values, then each part's rows' values) as canonical bytes."""
    return canonical(values)


def from_body(record_type: str, body: dict) -> bytes:
    """A stored body's proved values, as the counter renders them from its rows."""
    if body.get("removed"):
        return REMOVED
    values: list = [body.get(key) for key in PROOF_KEYS[record_type]]
    for name, keys in PROOF_PARTS.get(record_type, ()):
        part = body.get(name)
        if isinstance(part, list):
            values.append([[row.get(key) for key in keys] for row in part])
        else:
            values.append(None if not isinstance(part, dict) else [part.get(key) for key in keys])
    return rendered(values)


def step(before: str, seq: int, record_type: str, record_id: str, proved: bytes | None) -> str:
    """The link after one record: `proved` its rendered values, None for one counted by its place."""
    if proved is None:
        return next_link(before, seq, record_type, "", "")
    return next_link(before, seq, record_type, record_id, hashlib.sha256(proved).hexdigest())


__all__ = ["GENESIS", "PROOF_KEYS", "PROOF_PARTS", "REMOVED", "from_body", "rendered", "step"]
