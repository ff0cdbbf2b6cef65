-- Resident cards (村民卡): a reissued card's old code is kept, so a lost card
-- scanned at the counter is recognised and refused by name, never taken as unknown.
CREATE TABLE retired_card (
    code         TEXT PRIMARY KEY,
    resident_id  TEXT NOT NULL REFERENCES resident(id),
    reason       TEXT NOT NULL CHECK (length(reason) > 0),
    retired_at   TEXT NOT NULL
) STRICT;
CREATE INDEX retired_card_resident ON retired_card(resident_id);

CREATE TRIGGER retired_card_no_update BEFORE UPDATE ON retired_card
BEGIN SELECT RAISE(ABORT, 'retired cards are append-only'); END;
CREATE TRIGGER retired_card_no_delete BEFORE DELETE ON retired_card
BEGIN SELECT RAISE(ABORT, 'retired cards are append-only'); END;
