-- The township server's own store. Created on open; every statement is idempotent.
-- What this database is: schema_version (kiosk/township/store.py SCHEMA_VERSION) marks it the township's.
CREATE TABLE IF NOT EXISTS township_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS village (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    currency TEXT NOT NULL CHECK (length(currency) > 0),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS terminal (
    id TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES village(id),
    name TEXT NOT NULL,
    secret TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    last_contact TEXT,
    high_water INTEGER NOT NULL DEFAULT 0 CHECK (high_water >= 0),
    -- its own number within the village (receipts, delivery and card numbers); NULL only for a
    -- terminal enrolled before numbers whose number could not be read back (kiosk.township.tables.numbers)
    number INTEGER CHECK (number BETWEEN 1 AND 99)
) STRICT;

CREATE TABLE IF NOT EXISTS enrol_code (
    code TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES village(id),
    issued_at TEXT NOT NULL,
    expires_at REAL NOT NULL,
    used_at TEXT,
    terminal_id TEXT REFERENCES terminal(id)
) STRICT;

-- commit_no is the server's own commit order, assigned at insert: pulls follow it,
-- never a terminal's clock.
CREATE TABLE IF NOT EXISTS record (
    commit_no INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    village_id TEXT REFERENCES village(id),   -- NULL: published for every village
    received_at TEXT NOT NULL,
    UNIQUE (terminal_id, seq)
) STRICT;
CREATE INDEX IF NOT EXISTS record_village ON record (village_id, commit_no);

-- Merged balances of the village accounts, kept with every stored entry.
CREATE TABLE IF NOT EXISTS account_balance (
    village_id TEXT NOT NULL REFERENCES village(id),
    account_id TEXT NOT NULL,
    hundredths INTEGER NOT NULL,
    earned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, account_id)
) STRICT;

CREATE TABLE IF NOT EXISTS incident (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('conflict', 'gap', 'fork', 'bad_signature', 'stale_time',
                                       'rejected', 'wrong_village', 'bad_bundle', 'overdraft')),
    terminal_id TEXT,
    village_id TEXT,
    account_id TEXT,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    note TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS incident_open ON incident (kind, account_id, resolved_at);

-- Overdraft holds (kiosk/township/tables/holds.py). sale_balance: an account's credits plus what
-- sales and other spending took, leaving out deductions, expiry and adjustments; below zero
-- only when two terminals spent the same points without knowing of each other.
CREATE TABLE IF NOT EXISTS sale_balance (
    village_id TEXT NOT NULL REFERENCES village(id),
    account_id TEXT NOT NULL,
    hundredths INTEGER NOT NULL,
    PRIMARY KEY (village_id, account_id)
) STRICT;
-- Which terminals spent from an account: one terminal's own spending never overdraws.
CREATE TABLE IF NOT EXISTS sale_spender (
    village_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    PRIMARY KEY (village_id, account_id, terminal_id)
) STRICT, WITHOUT ROWID;
-- Accounts whose entries arrived and are judged once the pusher's whole push is in (at its pull).
CREATE TABLE IF NOT EXISTS hold_check (
    village_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    pusher TEXT NOT NULL,
    PRIMARY KEY (pusher, village_id, account_id)
) STRICT, WITHOUT ROWID;
-- What each spender's push said its books knew of an account's credits (the largest): an overdraft
-- these credits, not yet arrived, explain is not held (kiosk/township/tables/holds.py).
CREATE TABLE IF NOT EXISTS hold_claim (
    village_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    spender TEXT NOT NULL,
    hundredths INTEGER NOT NULL,
    PRIMARY KEY (village_id, account_id, spender)
) STRICT, WITHOUT ROWID;
-- A clerk resolved an overdraft by hand: its sale_balance then is accepted until it is >= 0 again.
CREATE TABLE IF NOT EXISTS hold_accepted (
    village_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    sale_balance INTEGER NOT NULL,
    PRIMARY KEY (village_id, account_id)
) STRICT;
-- The household behind an account, for the words of a hold (latest version wins).
CREATE INDEX IF NOT EXISTS holds_account_id ON record (json_extract(body, '$.id'), commit_no) WHERE type = 'account';
CREATE INDEX IF NOT EXISTS holds_household_id ON record (json_extract(body, '$.id'), commit_no) WHERE type = 'household';
CREATE INDEX IF NOT EXISTS holds_resident_id ON record (json_extract(body, '$.id'), commit_no) WHERE type = 'resident';
