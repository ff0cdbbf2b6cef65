"""Which of the township's tables keep history, in one place (as kiosk.store.history for a counter).

tests/township/test_history_tables.py reads a fresh township database, SQLite and PostgreSQL,
and fails when a table is missing here or when the triggers (history.sql, history_pg.sql)
say otherwise. A new table must be placed.
"""

from __future__ import annotations

# written once; a trigger refuses every UPDATE and DELETE (and on PostgreSQL every TRUNCATE)
HISTORY_TABLES = frozenset({
    "record",            # every pushed record, in commit order: what terminals pull
    "cross_redeem",      # 积分互认 redemptions, answered the same when asked again
    "cross_refused",     # 积分互认 redemptions refused, refused the same when asked again
    "card_lookup",       # who looked up which card, and what it got
    "chain_anchor",      # the books' chain heads counters have shown
    "terminal_retired",  # who retired a lost counter, when and why
    "console_audit",     # what the console's users did
    "record_chain",      # each terminal's chain over the records the township took
    "restore_grant",     # a clerk let books that did not prove themselves a copy get a new identity
})

# state the server keeps up to date
WORKING_TABLES = frozenset({
    "township_meta", "village", "terminal", "enrol_code", "account_balance", "incident",
    "sale_balance", "sale_spender", "hold_check", "hold_accepted", "hold_claim",
    "console_user", "console_session", "township_key",
    "console_draft",     # a clerk's saved form, marked when an admin publishes it
    "commit_counter",    # PostgreSQL only: the commit order's counter row
    "restore_proof_link",   # the proof links worked out from the stored bodies, kept (a cache)
})
