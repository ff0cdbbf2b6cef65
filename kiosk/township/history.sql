-- The township's history tables refuse UPDATE and DELETE (kiosk/township/history.py lists them;
-- tests/township/test_history_tables.py holds the list against this file). Idempotent, as every
-- schema file: an older township database gets the triggers when it is next opened.
CREATE TRIGGER IF NOT EXISTS record_no_update BEFORE UPDATE ON record
BEGIN SELECT RAISE(ABORT, 'record is append-only'); END;
CREATE TRIGGER IF NOT EXISTS record_no_delete BEFORE DELETE ON record
BEGIN SELECT RAISE(ABORT, 'record is append-only'); END;
CREATE TRIGGER IF NOT EXISTS cross_redeem_no_update BEFORE UPDATE ON cross_redeem
BEGIN SELECT RAISE(ABORT, 'cross_redeem is append-only'); END;
CREATE TRIGGER IF NOT EXISTS cross_redeem_no_delete BEFORE DELETE ON cross_redeem
BEGIN SELECT RAISE(ABORT, 'cross_redeem is append-only'); END;
CREATE TRIGGER IF NOT EXISTS cross_refused_no_update BEFORE UPDATE ON cross_refused
BEGIN SELECT RAISE(ABORT, 'cross_refused is append-only'); END;
CREATE TRIGGER IF NOT EXISTS cross_refused_no_delete BEFORE DELETE ON cross_refused
BEGIN SELECT RAISE(ABORT, 'cross_refused is append-only'); END;
CREATE TRIGGER IF NOT EXISTS card_lookup_no_update BEFORE UPDATE ON card_lookup
BEGIN SELECT RAISE(ABORT, 'card_lookup is append-only'); END;
CREATE TRIGGER IF NOT EXISTS card_lookup_no_delete BEFORE DELETE ON card_lookup
BEGIN SELECT RAISE(ABORT, 'card_lookup is append-only'); END;
CREATE TRIGGER IF NOT EXISTS chain_anchor_no_update BEFORE UPDATE ON chain_anchor
BEGIN SELECT RAISE(ABORT, 'chain_anchor is append-only'); END;
CREATE TRIGGER IF NOT EXISTS chain_anchor_no_delete BEFORE DELETE ON chain_anchor
BEGIN SELECT RAISE(ABORT, 'chain_anchor is append-only'); END;
CREATE TRIGGER IF NOT EXISTS terminal_retired_no_update BEFORE UPDATE ON terminal_retired
BEGIN SELECT RAISE(ABORT, 'terminal_retired is append-only'); END;
CREATE TRIGGER IF NOT EXISTS terminal_retired_no_delete BEFORE DELETE ON terminal_retired
BEGIN SELECT RAISE(ABORT, 'terminal_retired is append-only'); END;
CREATE TRIGGER IF NOT EXISTS console_audit_no_update BEFORE UPDATE ON console_audit
BEGIN SELECT RAISE(ABORT, 'console_audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS console_audit_no_delete BEFORE DELETE ON console_audit
BEGIN SELECT RAISE(ABORT, 'console_audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS record_chain_no_update BEFORE UPDATE ON record_chain
BEGIN SELECT RAISE(ABORT, 'record_chain is append-only'); END;
CREATE TRIGGER IF NOT EXISTS record_chain_no_delete BEFORE DELETE ON record_chain
BEGIN SELECT RAISE(ABORT, 'record_chain is append-only'); END;
CREATE TRIGGER IF NOT EXISTS restore_grant_no_update BEFORE UPDATE ON restore_grant
BEGIN SELECT RAISE(ABORT, 'restore_grant is append-only'); END;
CREATE TRIGGER IF NOT EXISTS restore_grant_no_delete BEFORE DELETE ON restore_grant
BEGIN SELECT RAISE(ABORT, 'restore_grant is append-only'); END;
