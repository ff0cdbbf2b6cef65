-- Bounds on points (issue 16): the largest quantity one award may record under a rule
-- (hours, m², mu, times; NULL: the default for the rule's shape, kiosk/core/rules.py).
ALTER TABLE rule ADD COLUMN max_qty INTEGER CHECK (max_qty IS NULL OR max_qty > 0);
