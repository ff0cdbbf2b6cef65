-- 复核 退回: an award the township's clerk handed back with a reason (an `award_returned`
-- record, township-only). A task for this village's managers; the ledger is never edited by
-- it: a manager corrects with an ordinary entry, or answers the township, then marks it done.
CREATE TABLE review_task (
    id           TEXT PRIMARY KEY,               -- the township record's id
    entry_id     TEXT,                           -- the award handed back
    account_id   TEXT,
    household    TEXT NOT NULL DEFAULT '',       -- "5组18号王小明" as the township wrote it
    hundredths   INTEGER,
    reason       TEXT NOT NULL CHECK (length(reason) > 0),
    returned_by  TEXT NOT NULL DEFAULT '',
    returned_at  TEXT NOT NULL,
    done_at      TEXT,
    done_by      TEXT
) STRICT;
CREATE INDEX review_task_open ON review_task (done_at, returned_at);
