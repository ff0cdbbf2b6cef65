-- 积分互认: a resident of another village of the township redeemed at this counter.
-- The points came off their home village's account at the township (approval id = the
-- redemption id the township answered for); here we keep the sale: who, from where, what,
-- both amounts. Stock moves out as for any sale (stock_move.sale_id = cross_sale.id).
CREATE TABLE cross_sale (
    id             TEXT PRIMARY KEY,            -- the approval id (UUIDv7 made by this terminal)
    receipt        TEXT NOT NULL UNIQUE,
    visitor_name   TEXT NOT NULL,               -- masked by the township, e.g. 陈*玲
    home_village   TEXT NOT NULL CHECK (length(home_village) > 0),
    home_currency  TEXT NOT NULL,
    card_code      TEXT NOT NULL CHECK (length(card_code) > 0),
    total          INTEGER NOT NULL CHECK (total > 0),        -- this village's hundredths
    home_total     INTEGER NOT NULL CHECK (home_total > 0),   -- the home village's hundredths
    home_balance_after INTEGER NOT NULL,
    rate           TEXT NOT NULL,
    entry_record   TEXT NOT NULL,               -- the township's debit record
    operator_id    TEXT NOT NULL REFERENCES operator(id),
    terminal_id    TEXT NOT NULL,
    at             TEXT NOT NULL
) STRICT;
CREATE INDEX cross_sale_at ON cross_sale(at);

CREATE TABLE cross_sale_line (
    cross_sale_id  TEXT NOT NULL REFERENCES cross_sale(id),
    line_no        INTEGER NOT NULL CHECK (line_no > 0),
    product_id     TEXT NOT NULL REFERENCES product(id),
    name           TEXT NOT NULL,
    price          INTEGER NOT NULL CHECK (price > 0),
    qty            INTEGER NOT NULL CHECK (qty > 0),
    PRIMARY KEY (cross_sale_id, line_no)
) STRICT;

CREATE TRIGGER cross_sale_no_update BEFORE UPDATE ON cross_sale
BEGIN SELECT RAISE(ABORT, 'cross-village sales are append-only'); END;
CREATE TRIGGER cross_sale_no_delete BEFORE DELETE ON cross_sale
BEGIN SELECT RAISE(ABORT, 'cross-village sales are append-only'); END;
CREATE TRIGGER cross_sale_line_no_update BEFORE UPDATE ON cross_sale_line
BEGIN SELECT RAISE(ABORT, 'cross-village sales are append-only'); END;
CREATE TRIGGER cross_sale_line_no_delete BEFORE DELETE ON cross_sale_line
BEGIN SELECT RAISE(ABORT, 'cross-village sales are append-only'); END;
