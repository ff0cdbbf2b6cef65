-- 积分证明 at the counter: the township's public key (learnt at enrolment, or at the first sync
-- of a counter enrolled before certificates) and, per household, the latest statement the
-- township signed for it (received at each sync, online or in a USB reply). Written only by
-- kiosk/store/certificates.py; a statement is kept only when it checks against the key.
CREATE TABLE township_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    public_hex  TEXT NOT NULL CHECK (length(public_hex) = 64),
    learnt_at   TEXT NOT NULL,
    learnt_by   TEXT NOT NULL CHECK (learnt_by IN ('enrolment', 'sync')),
    snapshots_version TEXT       -- what the township said the kept snapshots were made from
) STRICT;

CREATE TABLE certificate_snapshot (
    household_id TEXT PRIMARY KEY,
    signed       TEXT NOT NULL CHECK (signed LIKE 'JFZM1.%'),   -- as the township signed it
    issued       TEXT NOT NULL,                                  -- the snapshot time it states (UTC)
    received_at  TEXT NOT NULL
) STRICT;
