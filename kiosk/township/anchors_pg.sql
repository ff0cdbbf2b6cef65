-- Every books' chain head a counter has shown the township (kiosk/township/anchors.py).
CREATE TABLE IF NOT EXISTS chain_anchor (
    terminal_id  TEXT NOT NULL,
    position     BIGINT NOT NULL CHECK (position > 0),
    link         TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (terminal_id, position)
);
