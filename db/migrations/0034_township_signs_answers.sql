-- The township also signs the answers a counter acts on: a push answer (which records it stored,
-- its high water), a state asked for signed and an anchor answer (kiosk/core/township_word.py
-- PUSH, STATE, ANCHOR). With the terminal's secret alone (it is in this file) a server on the
-- township's address could otherwise make the counter forget records the township never got, go
-- back to a new identity, or keep heads of rewritten books as seen by the township. A counter
-- requires those signatures once it has seen this township sign an answer (a row here: a township
-- that signs pull pages but not yet its answers is still synced with). Chained with the key, as
-- township_signs is: the counter reads the flag from the chain (`answers` in the key's body,
-- kiosk/store/township_key_chained.py), not from this table.
-- (Written to run again harmlessly, as the last migration of a start may be.)
CREATE TABLE IF NOT EXISTS township_signs_answers (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    since  TEXT NOT NULL
) STRICT;
DROP TRIGGER IF EXISTS chain_township_answers_seen;
CREATE TRIGGER chain_township_answers_seen AFTER INSERT ON township_signs_answers
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('township_key', '1'); END;
DROP TRIGGER IF EXISTS chain_township_answers_gone;
CREATE TRIGGER chain_township_answers_gone AFTER DELETE ON township_signs_answers
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('township_key', '1'); END;
