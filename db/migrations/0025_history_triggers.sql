-- Issue 18: every history table refuses both UPDATE and DELETE (kiosk/store/history.py lists
-- them; tests/store/test_history_tables.py checks that list against this schema). Two lacked one:
-- a quarantined record is kept as it came (sync_kept.py notes what a manager did in the audit
-- trail, never on the row), and a stored year grade is never removed.
CREATE TRIGGER sync_reject_no_update BEFORE UPDATE ON sync_reject
BEGIN SELECT RAISE(ABORT, 'quarantined records are kept'); END;
CREATE TRIGGER year_grade_no_delete BEFORE DELETE ON year_grade
BEGIN SELECT RAISE(ABORT, 'a stored year grade is kept as it was'); END;
