-- 积分互认: what a background round (the counter's sync job, `kiosk sync now` in another program)
-- closed of an exchange that waited, kept for the volunteer until someone taps 知道了 on it: the
-- sale recorded (the goods may be given now), the township's "no" (nothing taken, no goods), the
-- id held for another card, or the township's yes to an exchange already ended here (the clerk
-- gives the points back). Written in the transaction that closes the exchange, so a closed
-- exchange never lacks its note, whatever happens to the window; the counter window shows the
-- ones nobody acknowledged, at start and after every round (kiosk/services/sync/cross_notes.py).
-- One note of each kind an exchange (should a middle answer one id two ways, the township's yes
-- after a "no" still says the points were taken). Acknowledged once: who and when, never changed
-- again, never deleted.
-- Local to this PC: never synced.
-- (Written to run again harmlessly, as the last migration of a start may be.)
CREATE TABLE IF NOT EXISTS cross_note (
    id          TEXT PRIMARY KEY,
    pending_id  TEXT NOT NULL REFERENCES cross_pending(id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('sold', 'refused', 'held', 'taken')),
    code        TEXT NOT NULL DEFAULT '',      -- the refusal's code (its words come from it)
    params      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params) AND json_type(params) = 'object'),
    noted_at    TEXT NOT NULL,
    seen_by     TEXT REFERENCES operator(id),  -- who tapped 知道了
    seen_at     TEXT,
    CHECK ((seen_by IS NULL) = (seen_at IS NULL)),
    UNIQUE (pending_id, outcome)
) STRICT;

-- What the counter window reads each minute: the few notes nobody acknowledged yet.
CREATE INDEX IF NOT EXISTS cross_note_unseen ON cross_note(noted_at) WHERE seen_at IS NULL;

DROP TRIGGER IF EXISTS cross_note_seen_once;
CREATE TRIGGER cross_note_seen_once BEFORE UPDATE ON cross_note
WHEN OLD.seen_at IS NOT NULL OR NEW.seen_at IS NULL OR NEW.id IS NOT OLD.id OR NEW.pending_id IS NOT OLD.pending_id
  OR NEW.outcome IS NOT OLD.outcome OR NEW.code IS NOT OLD.code OR NEW.params IS NOT OLD.params
  OR NEW.noted_at IS NOT OLD.noted_at
BEGIN SELECT RAISE(ABORT, 'a note is acknowledged once and otherwise never changes'); END;
DROP TRIGGER IF EXISTS cross_note_no_delete;
CREATE TRIGGER cross_note_no_delete BEFORE DELETE ON cross_note
BEGIN SELECT RAISE(ABORT, 'notes of exchanges are kept'); END;
