-- People and point policies: household changes, expiry runs.

-- What happened to households and their members: a member moved, a household split
-- or merged, a resident left (moved away or died). Points that moved with it are
-- a 'transfer' pair (out_entry_id, in_entry_id) summing to zero, or one forfeit entry.
CREATE TABLE household_event (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('move', 'split', 'merge', 'leave', 'return')),
    resident_id        TEXT REFERENCES resident(id),
    from_household_id  TEXT REFERENCES household(id),
    to_household_id    TEXT REFERENCES household(id),
    status             TEXT CHECK (status IS NULL OR status IN ('active', 'moved', 'deceased')),
    hundredths         INTEGER NOT NULL DEFAULT 0,
    out_entry_id       TEXT REFERENCES entry(id),
    in_entry_id        TEXT REFERENCES entry(id),
    note               TEXT NOT NULL DEFAULT '',
    operator_id        TEXT,
    terminal_id        TEXT NOT NULL,
    at                 TEXT NOT NULL,
    CHECK (kind != 'leave' OR status IN ('moved', 'deceased')),
    CHECK (kind NOT IN ('split', 'merge') OR from_household_id != to_household_id)
) STRICT;
CREATE INDEX household_event_resident ON household_event(resident_id, at);
CREATE INDEX household_event_from ON household_event(from_household_id, at);

CREATE TRIGGER household_event_no_update BEFORE UPDATE ON household_event
BEGIN SELECT RAISE(ABORT, 'household events are append-only'); END;
CREATE TRIGGER household_event_no_delete BEFORE DELETE ON household_event
BEGIN SELECT RAISE(ABORT, 'household events are append-only'); END;

-- One row per expiry run and period: the unique key is what keeps a period from
-- expiring twice, whether the job runs at start, every hour, or on two counters' books.
CREATE TABLE expiry_run (
    id           TEXT PRIMARY KEY,
    policy       TEXT NOT NULL CHECK (policy IN ('yearly', 'months')),
    period       TEXT NOT NULL CHECK (length(period) = 10),
    entries      INTEGER NOT NULL CHECK (entries >= 0),
    hundredths   INTEGER NOT NULL CHECK (hundredths >= 0),
    operator_id  TEXT,
    terminal_id  TEXT NOT NULL,
    at           TEXT NOT NULL,
    UNIQUE (policy, period)
) STRICT;

CREATE TRIGGER expiry_run_no_update BEFORE UPDATE ON expiry_run
BEGIN SELECT RAISE(ABORT, 'expiry runs are append-only'); END;
CREATE TRIGGER expiry_run_no_delete BEFORE DELETE ON expiry_run
BEGIN SELECT RAISE(ABORT, 'expiry runs are append-only'); END;

CREATE INDEX household_active ON household(active, house_no);
