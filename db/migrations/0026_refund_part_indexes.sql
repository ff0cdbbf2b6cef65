-- A refund's entry and stock moves are found by refund_id (its synced body and the books'
-- chain read them at every refund): without these, each refund read the whole ledger.
CREATE INDEX entry_refund ON entry(refund_id) WHERE refund_id IS NOT NULL;
CREATE INDEX stock_move_refund ON stock_move(refund_id) WHERE refund_id IS NOT NULL;
