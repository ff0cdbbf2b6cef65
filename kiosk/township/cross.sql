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
