-- Stock in batches: deliveries (入库单), write-off reasons (损耗) and stock-takes (盘点).

-- A delivery: goods received together from one source, posted in one transaction.
-- Its movements point at it; it syncs (journal) before them. Append-only.
CREATE TABLE delivery (
    id           TEXT PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,            -- our receiving note: RK261103-01-001
    source       TEXT NOT NULL CHECK (source IN ('乡镇配送', '捐赠', '采购', '其他')),
    note_no      TEXT NOT NULL DEFAULT '',        -- the supplier's 送货单号, may be blank
    day          TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    operator_id  TEXT REFERENCES operator(id),
    terminal_id  TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
-- The same 送货单号 from the same source is the same paper: it is received once.
CREATE UNIQUE INDEX delivery_note ON delivery(source, note_no) WHERE note_no != '';
CREATE INDEX delivery_at ON delivery(at);

CREATE TRIGGER delivery_no_update BEFORE UPDATE ON delivery
BEGIN SELECT RAISE(ABORT, 'deliveries are append-only'); END;
CREATE TRIGGER delivery_no_delete BEFORE DELETE ON delivery
BEGIN SELECT RAISE(ABORT, 'deliveries are append-only'); END;

ALTER TABLE stock_move ADD COLUMN delivery_id TEXT REFERENCES delivery(id);
-- Why goods were written off; only on 'damage' movements.
ALTER TABLE stock_move ADD COLUMN why TEXT
    CHECK (why IS NULL OR (kind = 'damage' AND why IN ('damaged', 'expired', 'lost')));
CREATE INDEX stock_move_delivery ON stock_move(delivery_id) WHERE delivery_id IS NOT NULL;
CREATE INDEX stock_move_at ON stock_move(at);

-- A stock-take: at most one open at a time. Local to this shop (its result,
-- the 'take' movements, is what syncs).
CREATE TABLE stock_count (
    id           TEXT PRIMARY KEY,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'posted', 'cancelled')),
    started_by   TEXT REFERENCES operator(id),
    started_at   TEXT NOT NULL,
    closed_by    TEXT REFERENCES operator(id),
    closed_at    TEXT,
    reason       TEXT NOT NULL DEFAULT '',
    terminal_id  TEXT NOT NULL,
    CHECK ((status = 'open') = (closed_at IS NULL))
) STRICT;
CREATE UNIQUE INDEX stock_count_one_open ON stock_count(status) WHERE status = 'open';

-- One line per product: the book quantity when the count started (snapshot), and
-- once counted, the counted quantity with the book quantity at that very moment,
-- so sales before or after the count are never counted twice.
CREATE TABLE stock_count_line (
    count_id     TEXT NOT NULL REFERENCES stock_count(id),
    product_id   TEXT NOT NULL REFERENCES product(id),
    snapshot     INTEGER NOT NULL,
    counted      INTEGER CHECK (counted IS NULL OR counted >= 0),
    at_count     INTEGER,
    counted_at   TEXT,
    counted_by   TEXT REFERENCES operator(id),
    move_id      TEXT REFERENCES stock_move(id),
    PRIMARY KEY (count_id, product_id),
    CHECK ((counted IS NULL) = (at_count IS NULL)),
    CHECK ((counted IS NULL) = (counted_at IS NULL))
) STRICT;

CREATE TRIGGER stock_count_closed_is_final BEFORE UPDATE ON stock_count
WHEN OLD.status != 'open'
BEGIN SELECT RAISE(ABORT, 'a closed stock-take cannot change'); END;
CREATE TRIGGER stock_count_no_delete BEFORE DELETE ON stock_count
BEGIN SELECT RAISE(ABORT, 'stock-takes are kept'); END;
CREATE TRIGGER stock_count_line_only_while_open BEFORE INSERT ON stock_count_line
WHEN (SELECT status FROM stock_count WHERE id = NEW.count_id) != 'open'
BEGIN SELECT RAISE(ABORT, 'a closed stock-take cannot change'); END;
CREATE TRIGGER stock_count_line_closed_is_final BEFORE UPDATE ON stock_count_line
WHEN (SELECT status FROM stock_count WHERE id = OLD.count_id) != 'open'
BEGIN SELECT RAISE(ABORT, 'a closed stock-take cannot change'); END;
CREATE TRIGGER stock_count_line_no_delete BEFORE DELETE ON stock_count_line
BEGIN SELECT RAISE(ABORT, 'stock-takes are kept'); END;
