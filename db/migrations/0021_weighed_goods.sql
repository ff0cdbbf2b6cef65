-- Weighed and loose goods (散装/称重): a product's quantities may have decimals.
-- Quantities stay integers everywhere, counted in the product's smallest step:
-- qty_scale steps make one unit (1 = whole pieces, 10 = 0.1 斤, 100 = 0.01 公斤,
-- 1000 = 1 g of a 公斤). stock, stock_move, sale_line, refund_line and delivery
-- quantities of a product are all in its steps. A sale line keeps the scale it was
-- sold at, so its amount (price × qty / scale, rounded half up to the hundredth)
-- can always be checked from the line alone.
ALTER TABLE product ADD COLUMN qty_scale INTEGER NOT NULL DEFAULT 1
    CHECK (qty_scale IN (1, 10, 100, 1000));
ALTER TABLE sale_line ADD COLUMN qty_scale INTEGER NOT NULL DEFAULT 1
    CHECK (qty_scale IN (1, 10, 100, 1000));

-- Food dates: the best-before date (保质期至) of a delivery line, when the goods have one.
-- Only on 'receive' movements; what is left of each dated batch is worked out first in,
-- first out (the oldest goods leave the shelf first), so no batch quantity is stored.
ALTER TABLE stock_move ADD COLUMN best_before TEXT
    CHECK (best_before IS NULL OR (kind = 'receive'
           AND best_before GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'));
