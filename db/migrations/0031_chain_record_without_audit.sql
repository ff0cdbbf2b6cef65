-- A redeem writes two chain rows, its sale's and its audit row's; each had an entry in
-- chain_record, each on a page of its own (the sale ids at the end of the 'sale' keys, the
-- audit numbers at the end of the 'audit' ones) that the commit writes out. Nothing finds an
-- audit row's chain row by its number but the count of them (kiosk/store/chain_verify.py
-- audit_unchained, which counts the others): the index leaves them out, and every query that
-- finds chain rows by type says `record_type <> 'audit'` (chain.BY_TYPE) so that SQLite uses it.
DROP INDEX chain_record;
CREATE INDEX chain_record ON chain(record_type, record_id) WHERE record_type <> 'audit';

-- The sealing UPDATE (kiosk/store/chain.py _seal_after_kept) sets link_hash alone: a trigger
-- on that column ran for every row it sealed, a sixth of what sealing a redeem cost. The guard
-- now watches the columns a sealed row must keep; that UPDATE touches only rows with no link
-- yet (its WHERE says so), and a link changed by hand breaks the chain where it stands.
DROP TRIGGER chain_sealed_once;
CREATE TRIGGER chain_sealed_once BEFORE UPDATE OF position, record_type, record_id, body ON chain
WHEN OLD.link_hash IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a sealed link is never changed'); END;
