-- A redeem writes two chain rows, its sale's and its audit row's; each had an entry in
-- chain_record, each on a page of its own (the sale ids at the end of the 'sale' keys, the
-- audit numbers at the end of the 'audit' ones) that the commit writes out. Nothing finds an
-- audit row's chain row by its number but the count of them (kiosk/store/chain_verify.py
-- audit_unchained, which counts the others): the index leaves them out, and every query that
-- finds chain rows by type says `record_type <> 'audit'` (chain.BY_TYPE) so that SQLite uses it.
DROP INDEX chain_record;
CREATE INDEX chain_record ON chain(record_type, record_id) WHERE record_type <> 'audit';
