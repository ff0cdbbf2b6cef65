"""Which tables keep history, in one place.

Every table of the counter's database is in exactly one of the three groups below;
tests/store/test_history_tables.py reads a freshly migrated database and fails when a
table is missing here or when the triggers say otherwise. A new table must be placed.

- HISTORY_TABLES: written once. A trigger refuses every UPDATE and every DELETE
  (invariant 2); a mistake is put right by a new row that names the old one.
- GUARDED_TABLES: history that changes in one narrow way, its triggers say which.
- WORKING_TABLES: state the shop edits as it works (people, goods, settings, caches).
"""

from __future__ import annotations

HISTORY_TABLES = frozenset({
    "entry", "stock_move", "journal", "audit",
    "sale", "sale_line", "refund", "refund_line",
    "cross_sale", "cross_sale_line", "cross_pending", "cross_pending_end", "cross_pending_asked",
    "delivery", "price_change", "retired_card", "household_event", "expiry_run",
    "activity", "activity_line", "activity_photo",
    "year_grade", "sync_reject",
})

# table -> how its rows may change (and nothing else may)
GUARDED_TABLES = {
    "chain": "a link is sealed once (link_hash filled in), never deleted",
    "objection": "decided once (open → upheld or dismissed), never deleted",
    "stock_count": "changes only while open; a closed stock-take is final; never deleted",
    "stock_count_line": "counted only while its stock-take is open; never deleted",
    "sync_remote": "never updated; an applied record is deleted and written again with applied = 1",
    "cross_note": "acknowledged once (who, when), otherwise never changed; never deleted",
}

WORKING_TABLES = frozenset({
    "village", "terminal", "operator", "household", "resident", "account", "balance",
    "rule", "claim", "product", "product_picture", "barcode", "category", "stock", "supplier",
    "review_task", "setting", "meta", "schema_migrations",
    "sync_outbox", "sync_state", "chain_anchor", "township_village",
    "record_chain",   # one row per township identity: the link after the last record it acknowledged
    "township_key", "certificate_snapshot",   # the township's key and its latest signed snapshots
    "township_signs",   # whether that township has been seen to sign its word (chained with its key)
    "township_signs_answers",   # … and its answers (push, state, anchor): chained with its key too
})
