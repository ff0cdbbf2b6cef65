-- Review means review (issue 16): adjustments and reversals (corrections) go on the public
-- notice like awards and deductions; this index serves the notice's read of them all.
CREATE INDEX entry_notice_all ON entry(at) WHERE kind IN ('award', 'deduct', 'adjust');

-- Yearly grades (信用等次) stored when the year ends, so a later change of the thresholds
-- does not rewrite past years. One row per household and year, written once.
CREATE TABLE year_grade (
    household_id  TEXT NOT NULL REFERENCES household(id),
    year          INTEGER NOT NULL,
    score         INTEGER NOT NULL,
    grade         TEXT NOT NULL,
    perks         TEXT NOT NULL DEFAULT '',
    stored_at     TEXT NOT NULL,
    PRIMARY KEY (household_id, year)
) STRICT;
CREATE TRIGGER year_grade_no_update BEFORE UPDATE ON year_grade
BEGIN SELECT RAISE(ABORT, 'a stored year grade is kept as it was'); END;
