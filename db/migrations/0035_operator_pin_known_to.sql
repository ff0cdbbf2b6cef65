-- 回避's sock puppets (invariant 11): a manager could add a manager operator with a PIN he chose,
-- or reset another manager's PIN, and then be his own "second manager". Each operator now keeps
-- who may know its current PIN: pin_known_to, the operator ids (a JSON array) of whoever created
-- it or last reset it, and of whoever may have known THEIR PIN then; pin_version counts its PIN
-- changes (shown to people). Changing one's own PIN keeps the list (nobody can tell who typed it)
-- but sets pin_own (1: the current PIN is the operator's own change; 0 after creation or a reset by
-- another); every PIN set gets a random stamp pin_set_id ('' for operators from before), which a
-- version number cannot be after a restore from an older backup. The township's confirmation binds
-- to that stamp and empties the list only while the PIN is still it and pin_own = 1
-- (kiosk/sync/apply.py manager_confirmed).
-- Operators existing now keep an empty list (and pin_own 0, pin_set_id ''): nobody is stranded by the upgrade. Both are part of
-- an operator's chained body (kiosk/store/chain.py OPERATOR_COLUMNS), a change to any chained
-- like a PIN change; every operator is chained once more here, with its new columns.
ALTER TABLE operator ADD COLUMN pin_known_to TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(pin_known_to) AND json_type(pin_known_to) = 'array');
ALTER TABLE operator ADD COLUMN pin_version INTEGER NOT NULL DEFAULT 0 CHECK (pin_version >= 0);
ALTER TABLE operator ADD COLUMN pin_own INTEGER NOT NULL DEFAULT 0 CHECK (pin_own IN (0, 1));
ALTER TABLE operator ADD COLUMN pin_set_id TEXT NOT NULL DEFAULT '';

DROP TRIGGER IF EXISTS chain_operator_changed;
CREATE TRIGGER chain_operator_changed
AFTER UPDATE OF name, role, pin_hash, active, resident_id, pin_known_to, pin_version, pin_own, pin_set_id
ON operator
WHEN NEW.name IS NOT OLD.name OR NEW.role IS NOT OLD.role OR NEW.pin_hash IS NOT OLD.pin_hash
  OR NEW.active IS NOT OLD.active OR NEW.resident_id IS NOT OLD.resident_id
  OR NEW.pin_known_to IS NOT OLD.pin_known_to OR NEW.pin_version IS NOT OLD.pin_version
  OR NEW.pin_own IS NOT OLD.pin_own OR NEW.pin_set_id IS NOT OLD.pin_set_id
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('operator', NEW.id); END;

INSERT INTO chain (record_type, record_id) SELECT 'operator', id FROM operator ORDER BY created_at, id;
