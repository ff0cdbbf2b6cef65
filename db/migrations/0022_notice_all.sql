-- Review means review (issue 16): adjustments and reversals (corrections) go on the public
-- notice like awards and deductions; this index serves the notice's read of them all.
CREATE INDEX entry_notice_all ON entry(at) WHERE kind IN ('award', 'deduct', 'adjust');
