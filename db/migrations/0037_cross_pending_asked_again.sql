-- 积分互认: an exchange asked of the township by anything but its first asking (the counter's
-- background sync, `kiosk sync now` in another program, 确认兑换 pressed again), written down and
-- committed before that request leaves, in the transaction that finds the exchange still open.
-- Its first asking, when its own request never left (the township could not be reached), ends it
-- 'not_sent' only while no row is here: a request with the same id may be on its way and take the
-- points, and a second exchange would take them again. So 'not_sent' is written only when no
-- request with that id can reach the township afterwards (kiosk/services/sync/cross_pending.py).
-- Local to this PC: never synced.
-- (Written to run again harmlessly, as the last migration of a start may be.)
CREATE TABLE IF NOT EXISTS cross_pending_asked (
    pending_id  TEXT PRIMARY KEY REFERENCES cross_pending(id),
    asked_at    TEXT NOT NULL                 -- the first time it was asked again
) STRICT;

DROP TRIGGER IF EXISTS cross_pending_asked_no_update;
CREATE TRIGGER cross_pending_asked_no_update BEFORE UPDATE ON cross_pending_asked
BEGIN SELECT RAISE(ABORT, 'an exchange asked again stays so'); END;
DROP TRIGGER IF EXISTS cross_pending_asked_no_delete;
CREATE TRIGGER cross_pending_asked_no_delete BEFORE DELETE ON cross_pending_asked
BEGIN SELECT RAISE(ABORT, 'an exchange asked again stays so'); END;
