-- 规则与兑换 drafts (kiosk/township/console/drafts.py): a clerk saves a previewed form, an admin
-- publishes it. Loaded by Store on open; idempotent. PostgreSQL: drafts_pg.sql.
CREATE TABLE IF NOT EXISTS console_draft (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('rule', 'goods', 'mapping', 'rate')),
    form TEXT NOT NULL,                 -- the fields as typed, JSON
    summary TEXT NOT NULL,              -- one line to find it by
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    published_by TEXT,
    published_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS console_draft_open ON console_draft (kind, saved_at) WHERE published_at IS NULL;
