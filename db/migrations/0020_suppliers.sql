-- Where goods come from: suppliers and donors (供货方), named by every delivery.
-- A supplier is a village record that changes over time (journaled once per change,
-- synced to the village's other counters). Kinds: 乡镇配送, 采购, 爱心捐赠, 企业捐赠.
CREATE TABLE supplier (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('乡镇配送', '采购', '爱心捐赠', '企业捐赠')),
    contact     TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX supplier_name ON supplier(name);

-- The supplier a delivery came from (NULL on deliveries made before suppliers existed).
ALTER TABLE delivery ADD COLUMN supplier_id TEXT REFERENCES supplier(id);
CREATE INDEX delivery_supplier ON delivery(supplier_id) WHERE supplier_id IS NOT NULL;

-- What one unit of a received line cost, in fen (分): the purchase price for 采购, the
-- declared value for a donation; NULL where nobody paid or declared (乡镇配送).
ALTER TABLE stock_move ADD COLUMN unit_cost INTEGER
    CHECK (unit_cost IS NULL OR (kind = 'receive' AND unit_cost >= 0));
