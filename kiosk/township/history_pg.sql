-- The township's history tables refuse UPDATE, DELETE and TRUNCATE (kiosk/township/history.py
-- lists them; tests/township/test_history_tables.py holds the list against this file). The same
-- words as history.sql on SQLite. Idempotent: the triggers are made only where they are missing,
-- so a server opening the database does not lock the tables the others are writing.
CREATE OR REPLACE FUNCTION history_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;

DO $$
DECLARE
    kept TEXT;
BEGIN
    FOREACH kept IN ARRAY ARRAY['record', 'cross_redeem', 'cross_refused', 'card_lookup', 'chain_anchor', 'terminal_retired',
                                'console_audit', 'record_chain', 'restore_grant'] LOOP
        -- each trigger on its own: one dropped by hand is made again, the other left as it is
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = kept::regclass AND tgname = kept || '_is_kept') THEN
            EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW'
                           ' EXECUTE FUNCTION history_is_kept()', kept || '_is_kept', kept);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = kept::regclass AND tgname = kept || '_not_truncated') THEN
            EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT'
                           ' EXECUTE FUNCTION history_is_kept()', kept || '_not_truncated', kept);
        END IF;
    END LOOP;
END $$;
