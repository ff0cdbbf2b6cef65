-- The township web console's own tables (kiosk/township/console): users, sessions, lockout,
-- audit. Loaded by Store on open; every statement is idempotent. PostgreSQL: console_pg.sql.
CREATE TABLE IF NOT EXISTS console_user (
    name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40),
    role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'viewer')),
    village_id TEXT REFERENCES village(id),           -- set: sees only this village
    password_hash TEXT NOT NULL,
    must_change INTEGER NOT NULL DEFAULT 1 CHECK (must_change IN (0, 1)),
    failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until REAL NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS console_session (
    token_hash TEXT PRIMARY KEY,                       -- sha256 of the cookie; the cookie itself is never stored
    user_name TEXT NOT NULL REFERENCES console_user(name),
    csrf TEXT NOT NULL,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS console_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
) STRICT;

-- The console reads a village's people records by type.
CREATE INDEX IF NOT EXISTS record_village_type ON record (village_id, type, commit_no);
CREATE INDEX IF NOT EXISTS record_type_received ON record (type, received_at);
-- new entries since the last page view (kiosk/township/console/folds.py)
CREATE INDEX IF NOT EXISTS record_type_commit ON record (type, commit_no);

-- 积分证明: the township's Ed25519 signing key (one row), made on first use.
CREATE TABLE IF NOT EXISTS township_key (
    id TEXT PRIMARY KEY CHECK (id = 'ed25519'),
    private_hex TEXT NOT NULL,
    public_hex TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- A lost or stolen counter retired from the console: its secret is replaced by a random one
-- nobody knows, so every request it signs is refused; kept here to say who, when and why.
CREATE TABLE IF NOT EXISTS terminal_retired (
    terminal_id TEXT PRIMARY KEY REFERENCES terminal(id),
    retired_at TEXT NOT NULL,
    retired_by TEXT NOT NULL,
    reason TEXT NOT NULL
) STRICT;
