-- 回避's sock puppets (invariant 11): a manager could add a manager operator with a PIN he chose,
-- or reset another manager's PIN, and then be his own "second manager". Each operator now keeps
-- who may know its current PIN: pin_known_to, the operator ids (a JSON array) of whoever created
-- it or last reset it, and of whoever may have known THEIR PIN then; pin_version counts its PIN
-- changes. Changing one's own PIN keeps the list (nobody can tell who typed it); the township's
-- confirmation of a manager at a PIN version empties it (kiosk/sync/apply.py manager_confirmed).
-- Operators existing now keep an empty list: nobody is stranded by the upgrade. Both are part of
-- an operator's chained body (kiosk/store/chain.py OPERATOR_COLUMNS), a change to them chained
-- like a PIN change; every operator is chained once more here, with its new columns.
ALTER TABLE operator ADD COLUMN pin_known_to TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(pin_known_to) AND json_type(pin_known_to) = 'array');
ALTER TABLE operator ADD COLUMN pin_version INTEGER NOT NULL DEFAULT 0 CHECK (pin_version >= 0);

DROP TRIGGER IF EXISTS chain_operator_changed;
CREATE TRIGGER chain_operator_changed
AFTER UPDATE OF name, role, pin_hash, active, resident_id, pin_known_to, pin_version ON operator
WHEN NEW.name IS NOT OLD.name OR NEW.role IS NOT OLD.role OR NEW.pin_hash IS NOT OLD.pin_hash
  OR NEW.active IS NOT OLD.active OR NEW.resident_id IS NOT OLD.resident_id
  OR NEW.pin_known_to IS NOT OLD.pin_known_to OR NEW.pin_version IS NOT OLD.pin_version
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('operator', NEW.id); END;

INSERT INTO chain (record_type, record_id) SELECT 'operator', id FROM operator ORDER BY created_at, id;
