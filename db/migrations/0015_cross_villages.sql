-- 积分互认: every village numbers its cards from JF000001, so a card is asked for at the
-- township together with the card holder's village (kiosk/township/cross.py).
-- The township's villages as the counter last learnt them (at sync, and when the 外村村民
-- window opens), for the window's list. Local to this PC: never synced; replaced whole.
CREATE TABLE township_village (
    id          TEXT PRIMARY KEY,              -- the township's id of the village
    name        TEXT NOT NULL CHECK (length(name) > 0),
    currency    TEXT NOT NULL,
    learned_at  TEXT NOT NULL
) STRICT;

-- The village a pending exchange's card belongs to, asked again with it (NULL: written down
-- before villages were asked; the township answers those by their id alone).
ALTER TABLE cross_pending ADD COLUMN home_village_id TEXT;
