-- Points coming in: recorded activities (one resident or a whole clean-up) with an
-- optional photo, and objections (异议) raised while an award is on public notice (公示).

-- One recording: a rule, a day, a note, and who recorded it. Each resident's line
-- names the entry it posted, or the claim it filed when a manager must review it.
CREATE TABLE activity (
    id             TEXT PRIMARY KEY,
    rule_id        TEXT NOT NULL REFERENCES rule(id),
    activity_date  TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    people         INTEGER NOT NULL CHECK (people > 0),
    recorded_by    TEXT NOT NULL REFERENCES operator(id),
    terminal_id    TEXT NOT NULL,
    at             TEXT NOT NULL
) STRICT;
CREATE INDEX activity_at ON activity(at);

CREATE TABLE activity_line (
    activity_id  TEXT NOT NULL REFERENCES activity(id),
    line_no      INTEGER NOT NULL CHECK (line_no > 0),
    resident_id  TEXT NOT NULL REFERENCES resident(id),
    qty          INTEGER NOT NULL CHECK (qty > 0),
    points       INTEGER NOT NULL CHECK (points != 0),
    entry_id     TEXT REFERENCES entry(id),
    claim_id     TEXT REFERENCES claim(id),
    PRIMARY KEY (activity_id, line_no),
    CHECK ((entry_id IS NULL) != (claim_id IS NULL))
) STRICT;
CREATE INDEX activity_line_entry ON activity_line(entry_id) WHERE entry_id IS NOT NULL;
CREATE INDEX activity_line_claim ON activity_line(claim_id) WHERE claim_id IS NOT NULL;

-- The activity's photo, already scaled (at most 1024 px) and re-encoded by the program.
CREATE TABLE activity_photo (
    activity_id  TEXT PRIMARY KEY REFERENCES activity(id),
    mime         TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    width        INTEGER NOT NULL CHECK (width BETWEEN 1 AND 1024),
    height       INTEGER NOT NULL CHECK (height BETWEEN 1 AND 1024),
    data         BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 3000000),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64)
) STRICT;

CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;
CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;
CREATE TRIGGER activity_line_no_update BEFORE UPDATE ON activity_line
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;
CREATE TRIGGER activity_line_no_delete BEFORE DELETE ON activity_line
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;
CREATE TRIGGER activity_photo_no_update BEFORE UPDATE ON activity_photo
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;
CREATE TRIGGER activity_photo_no_delete BEFORE DELETE ON activity_photo
BEGIN SELECT RAISE(ABORT, 'activities are append-only'); END;

-- An objection against an award or deduction on public notice: a credited entry, or an
-- approved claim that credits when its notice ends. Decided once: upheld or dismissed.
CREATE TABLE objection (
    id             TEXT PRIMARY KEY,
    entry_id       TEXT REFERENCES entry(id),
    claim_id       TEXT REFERENCES claim(id),
    objector       TEXT NOT NULL CHECK (length(objector) > 0),
    why            TEXT NOT NULL CHECK (length(why) > 0),
    recorded_by    TEXT NOT NULL REFERENCES operator(id),
    recorded_at    TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
    decided_by     TEXT REFERENCES operator(id),
    decided_at     TEXT,
    decision_note  TEXT NOT NULL DEFAULT '',
    reversal_id    TEXT REFERENCES entry(id),
    CHECK ((entry_id IS NULL) != (claim_id IS NULL)),
    CHECK ((status = 'open') = (decided_at IS NULL))
) STRICT;
CREATE INDEX objection_entry ON objection(entry_id) WHERE entry_id IS NOT NULL;
CREATE INDEX objection_claim ON objection(claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX objection_open ON objection(status) WHERE status = 'open';

-- Only the decision may be written, and only once; nothing is deleted.
CREATE TRIGGER objection_decided_once BEFORE UPDATE ON objection
WHEN OLD.status != 'open' OR NEW.id IS NOT OLD.id OR NEW.entry_id IS NOT OLD.entry_id
  OR NEW.claim_id IS NOT OLD.claim_id OR NEW.objector IS NOT OLD.objector OR NEW.why IS NOT OLD.why
  OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN SELECT RAISE(ABORT, 'an objection is decided once and otherwise never changes'); END;
CREATE TRIGGER objection_no_delete BEFORE DELETE ON objection
BEGIN SELECT RAISE(ABORT, 'objections are kept'); END;

-- What can be on public notice, by when it was posted: the notice list reads a short range.
CREATE INDEX entry_notice ON entry(at) WHERE kind IN ('award', 'deduct') AND reverses_id IS NULL;
-- The entry a claim credited (crediting checks it; a claim's id finds its entry).
CREATE INDEX entry_claim ON entry(claim_id) WHERE claim_id IS NOT NULL;
-- Approved claims still waiting for their notice to end before they credit.
CREATE INDEX claim_waiting ON claim(decided_at) WHERE status = 'approved' AND entry_id IS NULL;
-- Corrections find what an entry's reversal is (never twice for one entry).
CREATE INDEX entry_reverses ON entry(reverses_id) WHERE reverses_id IS NOT NULL;
