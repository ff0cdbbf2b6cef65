-- Records received from another counter or the township (sync_remote, kept as they came)
-- enter the books' chain when they arrive, as records of type 'received' read in place
-- (kiosk/store/chain.py: every column but `applied`, which turns 1 when a record kept
-- waiting applies later: it is deleted and written again, chained again, the same data).
-- `kiosk check` used to take any row of the books whose id a received record gave as
-- "another counter's": one forged sync_remote row then hid a forged award. Now a forged or
-- edited received record breaks the chain or is not in it, and a row that is there only
-- because another counter sent it must be what it sent (kiosk/store/chain_received.py).
-- The records this database holds already are chained here, in the order they came.
-- That a record was applied is chained on its own ('received_applied', its `applied` read in
-- place): a flag set or cleared by hand then breaks the chain or is not in it, so a received
-- sale cannot be made "never applied" to hide its entry deleted, nor a waiting one "applied".
INSERT INTO chain (record_type, record_id) SELECT 'received', id FROM sync_remote ORDER BY rowid;
INSERT INTO chain (record_type, record_id) SELECT 'received_applied', id FROM sync_remote WHERE applied = 1 ORDER BY rowid;

CREATE TRIGGER chain_received AFTER INSERT ON sync_remote
BEGIN
    INSERT INTO chain (record_type, record_id) VALUES ('received', NEW.id);
    INSERT INTO chain (record_type, record_id) SELECT 'received_applied', NEW.id WHERE NEW.applied = 1;
END;
