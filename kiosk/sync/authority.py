"""Who may author each synced record type (DESIGN invariant 12): the one table.

TOWNSHIP types are born on the township only (terminal id "township", see
kiosk/township/store.py TOWNSHIP): holds and their releases, shared prices, the
exchange rates between villages and 同值化 mappings of a village's rule to a shared one. The township refuses them when a terminal pushes
them (a per-record "rejected", quarantined on the counter), and a counter applying a
pull ignores them unless they come from the township.

VILLAGE types are written by a village's counters: the township stores them, the
village's other counters apply them.

BOTH: `entry` (a counter's award or sale, or the township's cross-village debit);
`rule` and `product` (a village's own, or the township's shared catalogue). A terminal
may push the village's own only: a rule or product whose body says owner "township"
is a shared one, and that is the township's to issue.

A type missing from the table is taken as a village's (a counter's new record type
keeps syncing); tests/sync/test_authority.py checks that every type the outbox sends
and every type the counter applies is listed here.
"""

from __future__ import annotations

TOWNSHIP_ID = "township"
TOWNSHIP, VILLAGE, BOTH = "township", "village", "both"

AUTHOR: dict[str, str] = {
    # issued by the township alone
    "hold": TOWNSHIP,
    "hold_released": TOWNSHIP,
    "price": TOWNSHIP,
    "rate": TOWNSHIP,
    # 复核 退回: the township hands an award back to the village's managers (never a ledger edit)
    "award_returned": TOWNSHIP,
    # 同值化: the township maps a village's own rule to one of its shared rules
    "rule_mapping": TOWNSHIP,
    # 回避: the clerk, who knows the village's cadres, confirms a manager's own PIN (its stamp)
    "manager_confirmed": TOWNSHIP,
    # shared catalogue from the township, or the village's own from a counter
    "rule": BOTH,
    "product": BOTH,
    # ledger entries: a counter's, or the township's cross-village debit (积分互认)
    "entry": BOTH,
    # written by the village's counters
    "sale": VILLAGE,
    "refund": VILLAGE,
    "cross_sale": VILLAGE,
    "stock_move": VILLAGE,
    "delivery": VILLAGE,
    "price_change": VILLAGE,
    "household_event": VILLAGE,
    "activity": VILLAGE,
    "product_picture": VILLAGE,
    "supplier": VILLAGE,
    "resident": VILLAGE,
    "household": VILLAGE,
    "account": VILLAGE,
    "claim": VILLAGE,
    "objection": VILLAGE,
    "manager": VILLAGE,   # a counter's managers, for the township to confirm (never a PIN)
}
SHARED_OWNER = "township"   # a rule or product row with this owner is the township's shared one


def author(record_type: str) -> str:
    return AUTHOR.get(record_type, VILLAGE)


def terminal_may_push(record_type: str, body: dict) -> bool:
    """May a village terminal author this record? Shared rules and products are the township's."""
    who = author(record_type)
    if who == TOWNSHIP:
        return False
    shared = record_type in ("rule", "product") and isinstance(body, dict) and body.get("owner") == SHARED_OWNER
    return not shared


def counter_may_apply(record_type: str, terminal_id: str) -> bool:
    """Does a pulled record come from someone allowed to write it? Township types only from the township."""
    return author(record_type) != TOWNSHIP or terminal_id == TOWNSHIP_ID
