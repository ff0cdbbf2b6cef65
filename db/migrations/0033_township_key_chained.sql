-- What the township sends a counter to apply, pull pages and USB replies, is signed with the
-- township's own key (kiosk/core/township_word.py): the terminal's secret is in this file, the
-- township's private key is not, so a reply written with the secret alone is refused. The
-- counter checks with the township's public key it learnt at enrolment (township_key); that key
-- is now in the books' chain, its body the key (kiosk/store/chain.py), so one replaced with
-- sqlite3 (to take replies signed with another key) is found by `kiosk check`. A key learnt
-- before this is chained here.
DROP TRIGGER IF EXISTS chain_township_key_learnt;
CREATE TRIGGER chain_township_key_learnt AFTER INSERT ON township_key
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('township_key', CAST(NEW.id AS TEXT)); END;
DROP TRIGGER IF EXISTS chain_township_key_changed;
CREATE TRIGGER chain_township_key_changed AFTER UPDATE OF id, public_hex ON township_key
WHEN NEW.public_hex IS NOT OLD.public_hex OR NEW.id IS NOT OLD.id
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('township_key', CAST(NEW.id AS TEXT)); END;
INSERT INTO chain (record_type, record_id) SELECT 'township_key', CAST(id AS TEXT) FROM township_key;
