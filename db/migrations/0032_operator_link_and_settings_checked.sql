-- 回避 rests on which resident an operator is (operator.resident_id, migration 0017): an
-- operator not linked decides alone on any household. The link was outside the books' chain,
-- so `UPDATE operator SET resident_id = NULL` with sqlite3, an award to one's own household
-- through the program, and the link put back, left nothing `kiosk check` could find. The link
-- is now part of an operator's chained body (kiosk/store/chain.py OPERATOR_COLUMNS) and a
-- change to it is chained like a PIN change; every operator is chained once more here, so the
-- last chained body of each says whom it is linked to.
DROP TRIGGER IF EXISTS chain_operator_changed;
CREATE TRIGGER chain_operator_changed AFTER UPDATE OF name, role, pin_hash, active, resident_id ON operator
WHEN NEW.name IS NOT OLD.name OR NEW.role IS NOT OLD.role OR NEW.pin_hash IS NOT OLD.pin_hash
  OR NEW.active IS NOT OLD.active OR NEW.resident_id IS NOT OLD.resident_id
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('operator', NEW.id); END;

INSERT INTO chain (record_type, record_id) SELECT 'operator', id FROM operator ORDER BY created_at, id;

-- `kiosk check` compares the settings that decide who gets how many points (claims reviewed,
-- notice, expiry, the grade table, the account mode …) with what the last audit row setting
-- them said (kiosk/services/audit/settings_check.py): settings are not chained themselves, so
-- a value set with sqlite3 would otherwise go unseen. It finds those audit rows by this index.
CREATE INDEX IF NOT EXISTS audit_settings_set ON audit(seq) WHERE action IN ('village.init', 'setting.change', 'grades.set');

-- A year's grades, kept as they stood when it ended (migration 0019), are what the roster and
-- the village's perks go by; they were outside the chain, so a grade rewritten with sqlite3
-- (its trigger dropped) went unseen. Each stored grade now enters the chain as it is written,
-- its body the row (kiosk/store/chain.py), and the grades stored before this are chained here.
DROP TRIGGER IF EXISTS chain_year_grade;
CREATE TRIGGER chain_year_grade AFTER INSERT ON year_grade
BEGIN INSERT INTO chain (record_type, record_id) VALUES ('year_grade', NEW.year || '/' || NEW.household_id); END;
INSERT INTO chain (record_type, record_id)
SELECT 'year_grade', year || '/' || household_id FROM year_grade
WHERE NOT EXISTS (SELECT 1 FROM chain c WHERE c.record_type = 'year_grade' AND c.record_type <> 'audit'
                  AND c.record_id = year_grade.year || '/' || year_grade.household_id)
ORDER BY year, household_id;

-- A frozen body (sync_outbox) that contradicted its entry was written outside the program: it is
-- sent from the books instead, and an audit row says so (kiosk/sync/outbox_guard.py), which
-- `kiosk check` names, finding those rows by this index.
CREATE INDEX IF NOT EXISTS audit_outbox_written_outside ON audit(seq) WHERE action = 'sync_outbox_written_outside';
