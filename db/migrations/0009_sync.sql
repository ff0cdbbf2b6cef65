-- Sync with the township: the terminal's side.

-- One row: who we are to the township and how far both directions have got.
-- terminal_id/village_id are the township's names for this PC and village (given at
-- enrolment). Records of the local journal identity `local_terminal_id` travel under
-- terminal_id with seq = local seq + seq_base: after a restore gives the PC a new local
-- identity, seq_base is the township's high water, so numbering goes on without a fork.
-- pushed_high_water is in the township's numbering.
CREATE TABLE sync_state (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    terminal_id        TEXT,
    village_id         TEXT,
    secret             TEXT,
    local_terminal_id  TEXT,
    seq_base           INTEGER NOT NULL DEFAULT 0 CHECK (seq_base >= 0),
    server_url         TEXT NOT NULL DEFAULT '',
    pushed_high_water  INTEGER NOT NULL DEFAULT 0 CHECK (pushed_high_water >= 0),
    pull_cursor        TEXT NOT NULL DEFAULT '',
    last_ok_at         TEXT,
    last_error         TEXT,
    last_error_at      TEXT,
    offline_since      TEXT
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

-- What a record looked like when first sent: a resend carries the same bytes, so a
-- record the township stored before a cut connection comes back as a duplicate.
CREATE TABLE sync_outbox (
    terminal_id  TEXT NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    id           TEXT NOT NULL,
    type         TEXT NOT NULL,
    body         TEXT NOT NULL,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    PRIMARY KEY (terminal_id, seq)
) STRICT;

-- Records the township refused (conflict or validation): shown to a manager, never
-- dropped, never blocking the rest of the queue.
CREATE TABLE sync_reject (
    record_id    TEXT NOT NULL,
    terminal_id  TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    type         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('conflict', 'rejected')),
    reason       TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq)
) STRICT;
CREATE TRIGGER sync_reject_no_delete BEFORE DELETE ON sync_reject
BEGIN SELECT RAISE(ABORT, 'quarantined records are kept'); END;

-- Records received from the township (other terminals' entries for our accounts,
-- township rules, products, holds), kept as they came; applying one twice is a no-op.
CREATE TABLE sync_remote (
    id           TEXT PRIMARY KEY,
    terminal_id  TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    type         TEXT NOT NULL,
    body         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    applied      INTEGER NOT NULL CHECK (applied IN (0, 1)),
    received_at  TEXT NOT NULL
) STRICT;
CREATE TRIGGER sync_remote_no_update BEFORE UPDATE ON sync_remote
BEGIN SELECT RAISE(ABORT, 'received records are kept as they came'); END;
