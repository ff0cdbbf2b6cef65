-- The chain of each terminal's stored records (kiosk/township/record_chain.py): its link
-- at every record, equal to the one the counter works out for the same records.
CREATE TABLE IF NOT EXISTS record_chain (
    terminal_id  TEXT NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    link         TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq)
);
