-- The goods catalogue: a picture per product, price history kept for good.

-- One picture per product, already scaled (at most 512 px) and re-encoded by the program.
CREATE TABLE product_picture (
    product_id  TEXT PRIMARY KEY REFERENCES product(id),
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    width       INTEGER NOT NULL CHECK (width BETWEEN 1 AND 512),
    height      INTEGER NOT NULL CHECK (height BETWEEN 1 AND 512),
    data        BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 2000000),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    updated_at  TEXT NOT NULL
) STRICT;

-- A price change is history: old receipts keep their price (sale_line holds it) and
-- the record of who changed what, when, is never rewritten.
CREATE INDEX price_change_product ON price_change(product_id, at);
CREATE TRIGGER price_change_no_update BEFORE UPDATE ON price_change
BEGIN SELECT RAISE(ABORT, 'price changes are append-only'); END;
CREATE TRIGGER price_change_no_delete BEFORE DELETE ON price_change
BEGIN SELECT RAISE(ABORT, 'price changes are append-only'); END;

-- A product's extra barcodes, listed with it.
CREATE INDEX barcode_product ON barcode(product_id);
