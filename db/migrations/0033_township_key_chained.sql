-- What the township sends a counter to apply, pull pages and USB replies, is signed with the
-- township's own key (kiosk/core/township_word.py): the terminal's secret is in this file, the
-- township's private key is not, so a reply written with the secret alone is refused. The
-- counter checks with the township's public key it learnt at enrolment (township_key), and
-- requires the signature once it has seen this township sign (a row in township_signs: a
-- township not yet upgraded sends none). Both are in the books' chain, one body for the two (the
-- key and the flag, kiosk/store/township_key_chained.py), and the counter reads them from the
-- chain, not from the tables: a key or flag changed, removed or put back with sqlite3 changes
-- nothing it trusts, and `kiosk check` finds it. A key learnt before this is chained here.
-- (Written to run again harmlessly, as the last migration of a start may be.)
CREATE TABLE IF NOT EXISTS township_signs (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    since  TEXT NOT NULL
) STRICT;
DROP TRIGGER IF EXISTS chain_township_key_learnt;
CREATE TRIGGER chain_township_key_learnt AFTER INSERT ON township_key
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('township_key', CAST(NEW.id AS TEXT)); END;
DROP TRIGGER IF EXISTS chain_township_key_changed;
CREATE TRIGGER chain_township_key_changed AFTER UPDATE OF id, public_hex ON township_key
WHEN NEW.public_hex IS NOT OLD.public_hex OR NEW.id IS NOT OLD.id
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('township_key', CAST(NEW.id AS TEXT)); END;
DROP TRIGGER IF EXISTS chain_township_signs_seen;
CREATE TRIGGER chain_township_signs_seen AFTER INSERT ON township_signs
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('township_key', '1'); END;
DROP TRIGGER IF EXISTS chain_township_signs_gone;
CREATE TRIGGER chain_township_signs_gone AFTER DELETE ON township_signs
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('township_key', '1'); END;
INSERT INTO chain (record_type, record_id)
SELECT 'township_key', CAST(id AS TEXT) FROM township_key
WHERE NOT EXISTS (SELECT 1 FROM chain c WHERE c.record_type = 'township_key' AND c.record_type <> 'audit');

-- Where the checks that replay the chain begin (kiosk/store/chain_milestone.py): a sale's prices
-- against its products' chained prices, a received award's empty references against what was
-- held when it was applied. Books chained whole by 0016 (today's bodies for last year's rows) and
-- received records chained in one batch by 0030 do not tell those apart, so the checks hold only
-- what was chained after this row.
INSERT INTO chain (record_type, record_id)
SELECT 'checked_from', '0033'
WHERE NOT EXISTS (SELECT 1 FROM chain c WHERE c.record_type = 'checked_from' AND c.record_type <> 'audit');
