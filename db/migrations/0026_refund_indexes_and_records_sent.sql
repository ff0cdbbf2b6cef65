-- A refund's entry and stock moves are found by refund_id (its synced body and the books'
-- chain read them at every refund): without these, each refund read the whole ledger.
CREATE INDEX entry_refund ON entry(refund_id) WHERE refund_id IS NOT NULL;
CREATE INDEX stock_move_refund ON stock_move(refund_id) WHERE refund_id IS NOT NULL;

-- The chain of the records this counter sent, as the township stored them
-- (kiosk/store/record_chain.py): the link after the last one the township acknowledged,
-- per township identity. Shown at each sync; the township keeps an equal chain.
CREATE TABLE record_chain (
    terminal_id  TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL CHECK (seq >= 0),
    link         TEXT NOT NULL
) STRICT;
