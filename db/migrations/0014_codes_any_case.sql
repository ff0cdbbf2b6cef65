-- Codes are found in any letter case: a card typed jf000003 is JF000003, a product code
-- or barcode with letters likewise. Older databases (and records synced from older
-- counters) may hold codes in lower case; they are NOT rewritten here: a resident is a
-- journaled, hash-chained, synced record and retired cards are append-only, so changing
-- them behind the program's back would break `kiosk check` and the sync. Instead the
-- lookups compare with COLLATE NOCASE on both sides, and these indexes keep each lookup
-- one index seek; new codes are written upper case (kiosk/core/codes.py).
CREATE INDEX resident_card_nocase ON resident(card_code COLLATE NOCASE);
CREATE INDEX retired_card_nocase ON retired_card(code COLLATE NOCASE);
CREATE INDEX product_code_nocase ON product(code COLLATE NOCASE);
CREATE INDEX barcode_nocase ON barcode(code COLLATE NOCASE);
