-- 积分超市 terminal: the ledger and shop core.
-- Points and prices are INTEGER hundredths of a point. Quantities of rules
-- (hours, m², mu) are INTEGER hundredths too. Times are local ISO text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE village (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    currency      TEXT NOT NULL DEFAULT '美德积分',
    account_mode  TEXT NOT NULL DEFAULT 'household' CHECK (account_mode IN ('household', 'resident')),
    claim_review  INTEGER NOT NULL DEFAULT 1 CHECK (claim_review IN (0, 1)),
    grade_scale   TEXT NOT NULL DEFAULT '[]',
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE terminal (
    id          TEXT PRIMARY KEY,
    village_id  TEXT NOT NULL REFERENCES village(id),
    number      INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99),
    kind        TEXT NOT NULL CHECK (kind IN ('counter', 'selfservice')),
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

-- One row per record that will sync, numbered gap-free per terminal.
CREATE TABLE journal (
    terminal_id  TEXT NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    record_type  TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq)
) STRICT;
CREATE INDEX journal_record ON journal(record_id);

CREATE TRIGGER journal_gap_free BEFORE INSERT ON journal
WHEN NEW.seq != COALESCE((SELECT MAX(seq) FROM journal WHERE terminal_id = NEW.terminal_id), 0) + 1
BEGIN SELECT RAISE(ABORT, 'journal sequence must be gap-free'); END;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;

CREATE TABLE operator (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('volunteer', 'manager')),
    pin_hash     TEXT NOT NULL,
    failed_pins  INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE household (
    id          TEXT PRIMARY KEY,
    village_id  TEXT NOT NULL REFERENCES village(id),
    house_no    TEXT NOT NULL,
    head_id     TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    UNIQUE (village_id, house_no)
) STRICT;

CREATE TABLE resident (
    id            TEXT PRIMARY KEY,
    household_id  TEXT NOT NULL REFERENCES household(id),
    name          TEXT NOT NULL,
    initials      TEXT NOT NULL,
    card_code     TEXT NOT NULL UNIQUE,
    relation      TEXT NOT NULL DEFAULT '',
    id_last4      TEXT CHECK (id_last4 IS NULL OR (length(id_last4) = 4)),
    phone         TEXT,
    pin_hash      TEXT,
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'moved', 'deceased')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX resident_name ON resident(name);
CREATE INDEX resident_initials ON resident(initials);
CREATE INDEX resident_household ON resident(household_id);

CREATE TABLE account (
    id            TEXT PRIMARY KEY,
    household_id  TEXT REFERENCES household(id),
    resident_id   TEXT REFERENCES resident(id),
    hold_reason   TEXT,
    created_at    TEXT NOT NULL,
    CHECK ((household_id IS NULL) != (resident_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX account_of_household ON account(household_id) WHERE household_id IS NOT NULL;
CREATE UNIQUE INDEX account_of_resident ON account(resident_id) WHERE resident_id IS NOT NULL;

-- Cached balances: kept equal to the sum of entries by the trigger below.
CREATE TABLE balance (
    account_id  TEXT PRIMARY KEY REFERENCES account(id),
    hundredths  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE rule (
    id                   TEXT PRIMARY KEY,
    code                 TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    category             TEXT NOT NULL,
    shape                TEXT NOT NULL CHECK (shape IN ('fixed', 'per_hour', 'per_m2', 'per_mu', 'per_period')),
    points               INTEGER NOT NULL CHECK (points != 0),
    unit                 INTEGER NOT NULL DEFAULT 100 CHECK (unit > 0),
    cap                  INTEGER CHECK (cap IS NULL OR cap > 0),
    cap_period           TEXT CHECK (cap_period IS NULL OR cap_period IN ('day', 'month', 'year')),
    doubles_within_days  INTEGER CHECK (doubles_within_days IS NULL OR doubles_within_days > 0),
    needs_review         INTEGER NOT NULL DEFAULT 1 CHECK (needs_review IN (0, 1)),
    owner                TEXT NOT NULL DEFAULT 'village' CHECK (owner IN ('village', 'township')),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at           TEXT NOT NULL
) STRICT;

CREATE TABLE claim (
    id              TEXT PRIMARY KEY,
    resident_id     TEXT NOT NULL REFERENCES resident(id),
    account_id      TEXT NOT NULL REFERENCES account(id),
    rule_id         TEXT NOT NULL REFERENCES rule(id),
    qty             INTEGER NOT NULL CHECK (qty > 0),
    points          INTEGER NOT NULL CHECK (points != 0),
    note            TEXT NOT NULL DEFAULT '',
    activity_date   TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    filed_by        TEXT NOT NULL REFERENCES operator(id),
    filed_at        TEXT NOT NULL,
    decided_by      TEXT REFERENCES operator(id),
    decided_at      TEXT,
    decision_reason TEXT,
    entry_id        TEXT
) STRICT;
CREATE INDEX claim_status ON claim(status, filed_at);

-- The ledger. Append-only: corrections are new entries naming what they reverse.
CREATE TABLE entry (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES account(id),
    resident_id    TEXT REFERENCES resident(id),
    kind           TEXT NOT NULL CHECK (kind IN ('award', 'deduct', 'redeem', 'refund', 'adjust', 'expire', 'transfer')),
    hundredths     INTEGER NOT NULL CHECK (hundredths != 0),
    rule_id        TEXT REFERENCES rule(id),
    qty            INTEGER,
    claim_id       TEXT REFERENCES claim(id),
    sale_id        TEXT,
    refund_id      TEXT,
    reverses_id    TEXT REFERENCES entry(id),
    note           TEXT NOT NULL DEFAULT '',
    operator_id    TEXT,
    terminal_id    TEXT NOT NULL,
    activity_date  TEXT NOT NULL,
    at             TEXT NOT NULL,
    CHECK (kind NOT IN ('award', 'refund') OR hundredths > 0),
    CHECK (kind NOT IN ('deduct', 'redeem', 'expire') OR hundredths < 0)
) STRICT;
CREATE INDEX entry_account ON entry(account_id, at);
CREATE INDEX entry_resident_rule ON entry(resident_id, rule_id, activity_date);
CREATE INDEX entry_sale ON entry(sale_id) WHERE sale_id IS NOT NULL;

CREATE TRIGGER entry_no_update BEFORE UPDATE ON entry
BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER entry_no_delete BEFORE DELETE ON entry
BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER entry_updates_balance AFTER INSERT ON entry
BEGIN
    INSERT INTO balance (account_id, hundredths) VALUES (NEW.account_id, NEW.hundredths)
    ON CONFLICT (account_id) DO UPDATE SET hundredths = hundredths + excluded.hundredths;
END;

CREATE TABLE category (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    sort  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE product (
    id             TEXT PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    initials       TEXT NOT NULL,
    category_id    TEXT REFERENCES category(id),
    unit           TEXT NOT NULL DEFAULT '件',
    price          INTEGER NOT NULL CHECK (price > 0),
    reorder_level  INTEGER NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),
    owner          TEXT NOT NULL DEFAULT 'village' CHECK (owner IN ('village', 'township')),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX product_name ON product(name);
CREATE INDEX product_initials ON product(initials);

CREATE TABLE barcode (
    code        TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL REFERENCES product(id)
) STRICT;

CREATE TABLE price_change (
    id           TEXT PRIMARY KEY,
    product_id   TEXT NOT NULL REFERENCES product(id),
    old_price    INTEGER NOT NULL,
    new_price    INTEGER NOT NULL,
    operator_id  TEXT,
    at           TEXT NOT NULL
) STRICT;

-- Cached stock: kept equal to the sum of movements by the trigger below.
CREATE TABLE stock (
    product_id  TEXT PRIMARY KEY REFERENCES product(id),
    qty         INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE stock_move (
    id           TEXT PRIMARY KEY,
    product_id   TEXT NOT NULL REFERENCES product(id),
    kind         TEXT NOT NULL CHECK (kind IN ('receive', 'sale', 'return', 'take', 'damage', 'adjust')),
    qty          INTEGER NOT NULL CHECK (qty != 0),
    sale_id      TEXT,
    refund_id    TEXT,
    source       TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    operator_id  TEXT,
    terminal_id  TEXT NOT NULL,
    at           TEXT NOT NULL,
    CHECK (kind NOT IN ('receive', 'return') OR qty > 0),
    CHECK (kind NOT IN ('sale', 'damage') OR qty < 0)
) STRICT;
CREATE INDEX stock_move_product ON stock_move(product_id, at);

CREATE TRIGGER stock_move_no_update BEFORE UPDATE ON stock_move
BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
CREATE TRIGGER stock_move_no_delete BEFORE DELETE ON stock_move
BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
CREATE TRIGGER stock_move_updates_stock AFTER INSERT ON stock_move
BEGIN
    INSERT INTO stock (product_id, qty) VALUES (NEW.product_id, NEW.qty)
    ON CONFLICT (product_id) DO UPDATE SET qty = qty + excluded.qty;
END;

CREATE TABLE sale (
    id              TEXT PRIMARY KEY,
    receipt         TEXT NOT NULL UNIQUE,
    resident_id     TEXT NOT NULL REFERENCES resident(id),
    account_id      TEXT NOT NULL REFERENCES account(id),
    total           INTEGER NOT NULL CHECK (total > 0),
    balance_before  INTEGER NOT NULL,
    balance_after   INTEGER NOT NULL,
    operator_id     TEXT NOT NULL REFERENCES operator(id),
    terminal_id     TEXT NOT NULL,
    at              TEXT NOT NULL
) STRICT;
CREATE INDEX sale_at ON sale(at);

CREATE TABLE sale_line (
    sale_id     TEXT NOT NULL REFERENCES sale(id),
    line_no     INTEGER NOT NULL CHECK (line_no > 0),
    product_id  TEXT NOT NULL REFERENCES product(id),
    name        TEXT NOT NULL,
    price       INTEGER NOT NULL CHECK (price > 0),
    qty         INTEGER NOT NULL CHECK (qty > 0),
    PRIMARY KEY (sale_id, line_no)
) STRICT;

CREATE TABLE refund (
    id           TEXT PRIMARY KEY,
    sale_id      TEXT NOT NULL REFERENCES sale(id),
    total        INTEGER NOT NULL CHECK (total > 0),
    balance_after INTEGER NOT NULL,
    reason       TEXT NOT NULL CHECK (length(reason) > 0),
    operator_id  TEXT NOT NULL REFERENCES operator(id),
    terminal_id  TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;

CREATE TABLE refund_line (
    refund_id  TEXT NOT NULL REFERENCES refund(id),
    line_no    INTEGER NOT NULL,
    qty        INTEGER NOT NULL CHECK (qty > 0),
    PRIMARY KEY (refund_id, line_no)
) STRICT;
CREATE INDEX refund_sale ON refund(sale_id);

CREATE TRIGGER sale_no_update BEFORE UPDATE ON sale
BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
CREATE TRIGGER sale_no_delete BEFORE DELETE ON sale
BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
CREATE TRIGGER sale_line_no_update BEFORE UPDATE ON sale_line
BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
CREATE TRIGGER sale_line_no_delete BEFORE DELETE ON sale_line
BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
CREATE TRIGGER refund_no_update BEFORE UPDATE ON refund
BEGIN SELECT RAISE(ABORT, 'refunds are append-only'); END;
CREATE TRIGGER refund_no_delete BEFORE DELETE ON refund
BEGIN SELECT RAISE(ABORT, 'refunds are append-only'); END;
CREATE TRIGGER refund_line_no_update BEFORE UPDATE ON refund_line
BEGIN SELECT RAISE(ABORT, 'refunds are append-only'); END;
CREATE TRIGGER refund_line_no_delete BEFORE DELETE ON refund_line
BEGIN SELECT RAISE(ABORT, 'refunds are append-only'); END;

-- Every mutation: who, what, when, before/after. Each row hashes the one before it.
CREATE TABLE audit (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    operator_id    TEXT,
    operator_name  TEXT NOT NULL,
    action         TEXT NOT NULL,
    target_type    TEXT NOT NULL,
    target_id      TEXT NOT NULL,
    before         TEXT NOT NULL DEFAULT '',
    after          TEXT NOT NULL DEFAULT '',
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
