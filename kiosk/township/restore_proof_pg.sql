-- A counter whose books went back proves they are a copy (kiosk/township/tables/restore_proof.py):
-- the township's proof link over a terminal's records 1 … seq, worked out from the stored bodies
-- once and kept (every CHECKPOINT records too), so asking again never hashes them all again.
CREATE TABLE IF NOT EXISTS restore_proof_link (
    terminal_id  TEXT NOT NULL,
    seq          BIGINT NOT NULL CHECK (seq >= 0),
    link         TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq)
);
-- A clerk who checked a village's books lets the proof they showed get a new identity anyway
-- (`kiosk-township allow-copy`): who, when and why.
CREATE TABLE IF NOT EXISTS restore_grant (
    terminal_id  TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    link         TEXT NOT NULL,
    granted_by   TEXT NOT NULL,
    granted_at   TEXT NOT NULL,
    note         TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq, link)
);
