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
CREATE INDEX chain_unsealed ON chain(position) WHERE link_hash IS NULL;

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
