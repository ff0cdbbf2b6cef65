-- 积分互认 made durable: a cross-village exchange is written down BEFORE the township is
-- asked, in its own committed transaction. If the answer is lost (cut network, the PC
-- killed, the volunteer moves on), the reconciler asks again with the same id (the
-- township answers the same, never debiting twice) and records the sale then.
-- Local to this PC: never synced (the cross_sale it ends in is).
CREATE TABLE cross_pending (
    id           TEXT PRIMARY KEY,             -- the approval id sent to the township
    card_code    TEXT NOT NULL CHECK (length(card_code) > 0),
    amount       INTEGER NOT NULL CHECK (amount > 0),      -- this village's hundredths
    receipt      TEXT NOT NULL UNIQUE,         -- kept for the sale, and named in the township's note
    lines        TEXT NOT NULL CHECK (json_valid(lines) AND json_type(lines) = 'array'),
    operator_id  TEXT NOT NULL REFERENCES operator(id),
    terminal_id  TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;

-- How a pending exchange ended, written once: 'sold' (the township approved; the
-- cross_sale has the same id), 'refused' (the township said no: no debit, no sale) or
-- 'not_sent' (the township could not even be reached: it never saw the request).
CREATE TABLE cross_pending_end (
    pending_id   TEXT PRIMARY KEY REFERENCES cross_pending(id),
    outcome      TEXT NOT NULL CHECK (outcome IN ('sold', 'refused', 'not_sent')),
    code         TEXT NOT NULL DEFAULT '',     -- the refusal's code, for a refused one
    settled_at   TEXT NOT NULL
) STRICT;

CREATE TRIGGER cross_pending_no_update BEFORE UPDATE ON cross_pending
BEGIN SELECT RAISE(ABORT, 'pending cross-village exchanges are append-only'); END;
CREATE TRIGGER cross_pending_no_delete BEFORE DELETE ON cross_pending
BEGIN SELECT RAISE(ABORT, 'pending cross-village exchanges are append-only'); END;
CREATE TRIGGER cross_pending_end_no_update BEFORE UPDATE ON cross_pending_end
BEGIN SELECT RAISE(ABORT, 'a pending exchange ends once'); END;
CREATE TRIGGER cross_pending_end_no_delete BEFORE DELETE ON cross_pending_end
BEGIN SELECT RAISE(ABORT, 'a pending exchange ends once'); END;
