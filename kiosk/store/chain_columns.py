"""The columns the books' chain hashes of the records it reads in place (kiosk/store/chain.py
INLINE, kiosk/store/rendered.py IN_PLACE), frozen as they are at migration 0038.

A link sealed today hashes these values; `kiosk check` hashes them again years later. Were the
list read from the table as it is then, a migration adding a column to one of these tables would
change the bytes of every record sealed before it, and every village's check would call its books
rewritten. A column added later is not covered by the chain (the township still holds the record
as it was sent) until a new chain format takes it in: tests/store/test_chain_columns.py fails
until it is named in NOT_HASHED, so nobody adds one without deciding, and fails if HASHED itself
changes (that would re-hash every sealed record)."""

from __future__ import annotations

HASHED: dict[str, tuple[str, ...]] = {
    "entry": ("account_id", "activity_date", "at", "claim_id", "hundredths", "id", "kind", "note",
              "operator_id", "qty", "refund_id", "resident_id", "reverses_id", "rule_id", "rule_version",
              "sale_id", "terminal_id", "version_name", "version_points", "version_shape", "version_unit"),
    "stock_move": ("at", "best_before", "delivery_id", "id", "kind", "note", "operator_id", "product_id", "qty",
                   "refund_id", "sale_id", "source", "terminal_id", "unit_cost", "why"),
    "delivery": ("at", "day", "id", "note_no", "number", "operator_id", "source", "supplier_id", "terminal_id"),
    "price_change": ("at", "id", "new_price", "old_price", "operator_id", "product_id"),
    "household_event": ("at", "from_household_id", "hundredths", "id", "in_entry_id", "kind", "note",
                        "operator_id", "out_entry_id", "resident_id", "status", "terminal_id", "to_household_id"),
    "sale": ("account_id", "at", "balance_after", "balance_before", "id", "operator_id", "receipt",
             "resident_id", "terminal_id", "total"),
    "sale_line": ("line_no", "name", "price", "product_id", "qty", "qty_scale", "sale_id"),
    "refund": ("at", "balance_after", "id", "operator_id", "reason", "sale_id", "terminal_id", "total"),
    "refund_line": ("line_no", "qty", "refund_id"),
    "cross_sale": ("at", "card_code", "entry_record", "home_balance_after", "home_currency", "home_total",
                   "home_village", "id", "operator_id", "rate", "receipt", "terminal_id", "total", "visitor_name"),
    "cross_sale_line": ("cross_sale_id", "line_no", "name", "price", "product_id", "qty"),
}

# Columns added to those tables after 0038 that the chain leaves out, each with why (none yet).
NOT_HASHED: dict[str, dict[str, str]] = {}
