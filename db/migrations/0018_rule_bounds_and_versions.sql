-- Bounds on points (issue 16): the largest quantity one award may record under a rule
-- (hours, m², mu, times; NULL: the default for the rule's shape, kiosk/core/rules.py).
ALTER TABLE rule ADD COLUMN max_qty INTEGER CHECK (max_qty IS NULL OR max_qty > 0);

-- Rules have versions (issue 16): editing a rule makes a new version, and every entry and
-- claim keeps the version it was awarded under: its number, name, points, shape and unit
-- (NULL on rows written before: they read the rule as it is).
ALTER TABLE rule ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE entry ADD COLUMN rule_version INTEGER;
ALTER TABLE entry ADD COLUMN version_name TEXT;
ALTER TABLE entry ADD COLUMN version_points INTEGER;
ALTER TABLE entry ADD COLUMN version_shape TEXT;
ALTER TABLE entry ADD COLUMN version_unit INTEGER;
ALTER TABLE claim ADD COLUMN rule_version INTEGER;
ALTER TABLE claim ADD COLUMN version_name TEXT;
ALTER TABLE claim ADD COLUMN version_points INTEGER;
ALTER TABLE claim ADD COLUMN version_shape TEXT;
ALTER TABLE claim ADD COLUMN version_unit INTEGER;
