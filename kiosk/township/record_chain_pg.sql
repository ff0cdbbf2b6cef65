-- The chain of the records each terminal sent that the township took (stored, or already held
-- under another terminal), kiosk/township/tables/record_chain.py: its link at every one, equal to the
-- one the counter works out for the same records.
CREATE TABLE IF NOT EXISTS record_chain (
    terminal_id  TEXT NOT NULL,
    seq          BIGINT NOT NULL CHECK (seq >= 1),
    record_id    TEXT NOT NULL,
    link         TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq)
);
