-- Last-writer-wins for households and village rules reads their latest change
-- (kiosk/sync/stamps.py) for every record pushed or applied, and the sync screen lists house
-- number clashes: these indexes find them without reading the whole audit trail or every
-- record received. Partial (one per type, as SQLite matches a partial index by the same term),
-- so the audit row of a sale costs nothing more to write.
CREATE INDEX audit_household ON audit(target_id, at) WHERE target_type = 'household';
CREATE INDEX audit_rule ON audit(target_id, at) WHERE target_type = 'rule';
CREATE INDEX audit_house_clash ON audit(target_id, at) WHERE target_type = 'house_clash';
CREATE INDEX sync_remote_stamped ON sync_remote(type, json_extract(body, '$.id')) WHERE applied = 1;
