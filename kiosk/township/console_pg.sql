-- The township web console's own tables, PostgreSQL (same as console.sql for SQLite).
CREATE TABLE IF NOT EXISTS console_user (
    name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40),
    role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'viewer')),
    village_id TEXT REFERENCES village(id),
    password_hash TEXT NOT NULL,
    must_change INTEGER NOT NULL DEFAULT 1 CHECK (must_change IN (0, 1)),
    failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until DOUBLE PRECISION NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS console_session (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES console_user(name),
    csrf TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL
);

CREATE TABLE IF NOT EXISTS console_audit (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);

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
);

-- A lost or stolen counter retired from the console: its secret is replaced by a random one
-- nobody knows, so every request it signs is refused; kept here to say who, when and why.
CREATE TABLE IF NOT EXISTS terminal_retired (
    terminal_id TEXT PRIMARY KEY REFERENCES terminal(id),
    retired_at TEXT NOT NULL,
    retired_by TEXT NOT NULL,
    reason TEXT NOT NULL
);
