-- Purchase limits (限购) for scarce goods: at most limit_qty (in the product's steps)
-- per household per week (Monday to Sunday) or calendar month. Both set or neither.
-- A counter refuses a sale past the limit it knows; sales two counters made offline
-- may together pass it, and the merged books then say so on the sync screen.
ALTER TABLE product ADD COLUMN limit_qty INTEGER CHECK (limit_qty IS NULL OR limit_qty > 0);
ALTER TABLE product ADD COLUMN limit_period TEXT
    CHECK (limit_period IS NULL OR limit_period IN ('week', 'month'));
