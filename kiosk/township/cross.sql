-- 积分互认 on the township (kiosk/township/cross.py): card and account look-ups over the
-- pushed records, and one row per redemption so the same id is answered the same.
CREATE INDEX IF NOT EXISTS cross_resident_card ON record (json_extract(body, '$.card_code')) WHERE type = 'resident';
CREATE INDEX IF NOT EXISTS cross_resident_id ON record (json_extract(body, '$.id'), commit_no) WHERE type = 'resident';
CREATE INDEX IF NOT EXISTS cross_account_resident ON record (json_extract(body, '$.resident_id'), commit_no)
    WHERE type = 'account';
CREATE INDEX IF NOT EXISTS cross_account_household ON record (json_extract(body, '$.household_id'), commit_no)
    WHERE type = 'account';
CREATE INDEX IF NOT EXISTS cross_rate ON record (commit_no) WHERE type = 'rate';
CREATE TABLE IF NOT EXISTS cross_redeem (
    id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    village_id TEXT NOT NULL REFERENCES village(id),
    home_village_id TEXT NOT NULL REFERENCES village(id),
    card TEXT NOT NULL,
    account_id TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    home_amount INTEGER NOT NULL CHECK (home_amount > 0),
    rate TEXT NOT NULL,
    summary TEXT NOT NULL,
    answer TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
-- A redemption the township refused (short of points, card unknown, on hold …): the same id asked
-- again gets the same "no", never an approval later, so a "no" kept by someone in the middle and
-- shown to the counter after he let the same request through cannot leave a debit with no sale.
CREATE TABLE IF NOT EXISTS cross_refused (
    id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    village_id TEXT NOT NULL,
    home_village_id TEXT,                  -- the village asked for (NULL: none given)
    card TEXT NOT NULL,
    amount INTEGER NOT NULL,
    status INTEGER NOT NULL,
    code TEXT NOT NULL,
    params TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;
-- Every look-up by card (kiosk/township/tables/card_lookups.py): who asked, for which village and
-- card, what it got; the per-terminal limit is counted from these rows, so several server
-- processes on one database share one count.
CREATE TABLE IF NOT EXISTS card_lookup (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    terminal_id TEXT NOT NULL,
    village_id TEXT NOT NULL,              -- the asking terminal's village
    home_village_id TEXT,                  -- the village the card was asked for (NULL: none given)
    card TEXT NOT NULL,
    outcome TEXT NOT NULL,                 -- 'found' or the refusal's code
    at REAL NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS card_lookup_terminal ON card_lookup (terminal_id, at);
CREATE INDEX IF NOT EXISTS cross_resident_village_card ON record (village_id, json_extract(body, '$.card_code'))
    WHERE type = 'resident';
