-- The township server's store on PostgreSQL: the same tables as schema.sql. Every statement is
-- idempotent; applied by `kiosk-township --db postgresql://… migrate` and on every open.

-- json_extract(body, '$.a.b') as SQLite has it (as text), so the township's queries and indexes
-- over record bodies are the same on both.
CREATE OR REPLACE FUNCTION json_extract(body TEXT, path TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT body::jsonb #>> string_to_array(substr(path, 3), '.') $$;

CREATE TABLE IF NOT EXISTS township_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS village (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    currency TEXT NOT NULL CHECK (length(currency) > 0),
    created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS terminal (
    id TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES village(id),
    name TEXT NOT NULL,
    secret TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    last_contact TEXT,
    high_water BIGINT NOT NULL DEFAULT 0 CHECK (high_water >= 0),
    number INTEGER CHECK (number BETWEEN 1 AND 99)
);

CREATE TABLE IF NOT EXISTS enrol_code (
    code TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES village(id),
    issued_at TEXT NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL,
    used_at TEXT,
    terminal_id TEXT REFERENCES terminal(id)
);

-- commit_no is the server's own commit order. Not a sequence: a sequence hands out numbers
-- before commit, so a puller could pass a number whose transaction commits later. The one
-- commit_counter row is moved inside the storing transaction (kiosk/township/store.py): its
-- row lock is held to commit, so numbers are handed out and made visible in commit order.
CREATE TABLE IF NOT EXISTS commit_counter (
    only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    last BIGINT NOT NULL CHECK (last >= 0)
);
INSERT INTO commit_counter (only_row, last) VALUES (TRUE, 0) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS record (
    commit_no BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    terminal_id TEXT NOT NULL,
    seq BIGINT NOT NULL CHECK (seq >= 1),
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    village_id TEXT REFERENCES village(id),
    received_at TEXT NOT NULL,
    UNIQUE (terminal_id, seq)
);
CREATE INDEX IF NOT EXISTS record_village ON record (village_id, commit_no);

CREATE TABLE IF NOT EXISTS account_balance (
    village_id TEXT NOT NULL REFERENCES village(id),
    account_id TEXT NOT NULL,
    hundredths BIGINT NOT NULL,
    earned BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, account_id)
);

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
);
CREATE INDEX IF NOT EXISTS incident_open ON incident (kind, account_id, resolved_at);

CREATE TABLE IF NOT EXISTS sale_balance (
    village_id TEXT NOT NULL REFERENCES village(id),
    account_id TEXT NOT NULL,
    hundredths BIGINT NOT NULL,
    PRIMARY KEY (village_id, account_id)
);
CREATE TABLE IF NOT EXISTS sale_spender (
    village_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    PRIMARY KEY (village_id, account_id, terminal_id)
);
CREATE TABLE IF NOT EXISTS hold_check (
    village_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    pusher TEXT NOT NULL,
    PRIMARY KEY (pusher, village_id, account_id)
);
-- The credits each spender's push said its books knew of an account (the largest; kiosk/township/tables/holds.py).
CREATE TABLE IF NOT EXISTS hold_claim (
    village_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    spender TEXT NOT NULL,
    hundredths BIGINT NOT NULL,
    PRIMARY KEY (village_id, account_id, spender)
);
CREATE TABLE IF NOT EXISTS hold_accepted (
    village_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    sale_balance BIGINT NOT NULL,
    PRIMARY KEY (village_id, account_id)
);
CREATE INDEX IF NOT EXISTS holds_account_id ON record (json_extract(body, '$.id'), commit_no) WHERE type = 'account';
CREATE INDEX IF NOT EXISTS holds_household_id ON record (json_extract(body, '$.id'), commit_no) WHERE type = 'household';
CREATE INDEX IF NOT EXISTS holds_resident_id ON record (json_extract(body, '$.id'), commit_no) WHERE type = 'resident';
CREATE INDEX IF NOT EXISTS cross_resident_card ON record (json_extract(body, '$.card_code')) WHERE type = 'resident';
CREATE INDEX IF NOT EXISTS cross_resident_id ON record (json_extract(body, '$.id'), commit_no) WHERE type = 'resident';
CREATE INDEX IF NOT EXISTS cross_account_resident ON record (json_extract(body, '$.resident_id'), commit_no)
    WHERE type = 'account';
CREATE INDEX IF NOT EXISTS cross_account_household ON record (json_extract(body, '$.household_id'), commit_no)
    WHERE type = 'account';
CREATE INDEX IF NOT EXISTS cross_rate ON record (commit_no) WHERE type = 'rate';
CREATE INDEX IF NOT EXISTS cross_resident_village_card ON record (village_id, json_extract(body, '$.card_code'))
    WHERE type = 'resident';
CREATE TABLE IF NOT EXISTS cross_redeem (
    id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    village_id TEXT NOT NULL REFERENCES village(id),
    home_village_id TEXT NOT NULL REFERENCES village(id),
    card TEXT NOT NULL,
    account_id TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    home_amount BIGINT NOT NULL CHECK (home_amount > 0),
    rate TEXT NOT NULL,
    summary TEXT NOT NULL,
    answer TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- A redemption the township refused (short of points, card unknown, on hold …): the same id asked
-- again gets the same "no", never an approval later, so a "no" kept by someone in the middle and
-- shown to the counter after he let the same request through cannot leave a debit with no sale.
CREATE TABLE IF NOT EXISTS cross_refused (
    id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    village_id TEXT NOT NULL,
    home_village_id TEXT,                  -- the village asked for (NULL: none given)
    card TEXT NOT NULL,
    amount BIGINT NOT NULL,
    status INTEGER NOT NULL,
    code TEXT NOT NULL,
    params TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS card_lookup (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    village_id TEXT NOT NULL,
    home_village_id TEXT,
    card TEXT NOT NULL,
    outcome TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS card_lookup_terminal ON card_lookup (terminal_id, at);
