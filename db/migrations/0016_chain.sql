-- The books' chain (kiosk/store/chain.py): every journaled record, audit row and operator
-- change, in the order they were written, each link hashing the one before it and the
-- record's canonical body. Triggers add a row (no body, no link yet) in the writing
-- transaction; the program seals them (body and link) just before it commits, and seals
-- what a database made before this migration already holds (journal order, then the audit
-- trail, then the operators) the first time it opens it.
CREATE TABLE chain (
    position     INTEGER PRIMARY KEY,
    record_type  TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    body         TEXT,
    link_hash    TEXT
) STRICT;
CREATE INDEX chain_record ON chain(record_type, record_id);

-- Paper and township anchors: a chain head someone outside the PC has seen.
CREATE TABLE chain_anchor (
    position  INTEGER NOT NULL,
    code      TEXT NOT NULL,
    source    TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (position, source)
) STRICT;

INSERT INTO chain (record_type, record_id) SELECT record_type, record_id FROM journal ORDER BY rowid;
INSERT INTO chain (record_type, record_id) SELECT 'audit', CAST(seq AS TEXT) FROM audit ORDER BY seq;
INSERT INTO chain (record_type, record_id) SELECT 'operator', id FROM operator ORDER BY created_at, id;

CREATE TRIGGER chain_journal AFTER INSERT ON journal
BEGIN INSERT INTO chain (record_type, record_id) VALUES (NEW.record_type, NEW.record_id); END;

CREATE TRIGGER chain_audit AFTER INSERT ON audit
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('audit', CAST(NEW.seq AS TEXT)); END;

CREATE TRIGGER chain_operator_added AFTER INSERT ON operator
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('operator', NEW.id); END;

CREATE TRIGGER chain_operator_changed AFTER UPDATE OF name, role, pin_hash, active ON operator
WHEN NEW.name IS NOT OLD.name OR NEW.role IS NOT OLD.role OR NEW.pin_hash IS NOT OLD.pin_hash
  OR NEW.active IS NOT OLD.active
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('operator', NEW.id); END;

CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN SELECT RAISE(ABORT, 'the books'' chain is append-only'); END;

CREATE TRIGGER chain_sealed_once BEFORE UPDATE ON chain WHEN OLD.link_hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a sealed link is never changed'); END;

-- Rows that change over time (residents, households, accounts, rules, claims, objections,
-- products and their pictures, barcodes and retired cards) are chained on every change,
-- journaled or not (a change another counter sent, a head of household moved), so the
-- chain's last body of each is always the row as it is.
CREATE TRIGGER chain_household_insert AFTER INSERT ON household
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('household', NEW.id); END;
CREATE TRIGGER chain_household_update AFTER UPDATE ON household
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('household', NEW.id); END;
CREATE TRIGGER chain_household_delete AFTER DELETE ON household
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('household', OLD.id); END;
CREATE TRIGGER chain_resident_insert AFTER INSERT ON resident
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('resident', NEW.id); END;
CREATE TRIGGER chain_resident_update AFTER UPDATE ON resident
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('resident', NEW.id); END;
CREATE TRIGGER chain_resident_delete AFTER DELETE ON resident
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('resident', OLD.id); END;
CREATE TRIGGER chain_account_insert AFTER INSERT ON account
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('account', NEW.id); END;
CREATE TRIGGER chain_account_update AFTER UPDATE ON account
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('account', NEW.id); END;
CREATE TRIGGER chain_account_delete AFTER DELETE ON account
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('account', OLD.id); END;
CREATE TRIGGER chain_rule_insert AFTER INSERT ON rule
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('rule', NEW.id); END;
CREATE TRIGGER chain_rule_update AFTER UPDATE ON rule
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('rule', NEW.id); END;
CREATE TRIGGER chain_rule_delete AFTER DELETE ON rule
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('rule', OLD.id); END;
CREATE TRIGGER chain_claim_insert AFTER INSERT ON claim
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('claim', NEW.id); END;
CREATE TRIGGER chain_claim_update AFTER UPDATE ON claim
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('claim', NEW.id); END;
CREATE TRIGGER chain_claim_delete AFTER DELETE ON claim
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('claim', OLD.id); END;
CREATE TRIGGER chain_objection_insert AFTER INSERT ON objection
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('objection', NEW.id); END;
CREATE TRIGGER chain_objection_update AFTER UPDATE ON objection
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('objection', NEW.id); END;
CREATE TRIGGER chain_objection_delete AFTER DELETE ON objection
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('objection', OLD.id); END;
CREATE TRIGGER chain_product_insert AFTER INSERT ON product
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('product', NEW.id); END;
CREATE TRIGGER chain_product_update AFTER UPDATE ON product
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('product', NEW.id); END;
CREATE TRIGGER chain_product_delete AFTER DELETE ON product
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('product', OLD.id); END;
CREATE TRIGGER chain_product_picture_insert AFTER INSERT ON product_picture
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('product_picture', NEW.product_id); END;
CREATE TRIGGER chain_product_picture_update AFTER UPDATE ON product_picture
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('product_picture', NEW.product_id); END;
CREATE TRIGGER chain_product_picture_delete AFTER DELETE ON product_picture
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('product_picture', OLD.product_id); END;
CREATE TRIGGER chain_barcode_insert AFTER INSERT ON barcode
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('product', NEW.product_id); END;
CREATE TRIGGER chain_barcode_update AFTER UPDATE ON barcode
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('product', NEW.product_id); END;
CREATE TRIGGER chain_barcode_delete AFTER DELETE ON barcode
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('product', OLD.product_id); END;
CREATE TRIGGER chain_retired_card_insert AFTER INSERT ON retired_card
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('resident', NEW.resident_id); END;
CREATE TRIGGER chain_retired_card_update AFTER UPDATE ON retired_card
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('resident', NEW.resident_id); END;
CREATE TRIGGER chain_retired_card_delete AFTER DELETE ON retired_card
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('resident', OLD.resident_id); END;
