"""Card codes retired by a reissue, and the rows a card sheet prints."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database

_FACE = ("SELECT r.id, r.name, r.card_code, r.status, h.house_no FROM resident r"
         " JOIN household h ON h.id = r.household_id")


def retired(db: Database, code: str) -> sqlite3.Row | None:
    """Who a retired code belonged to, and their current code (in any letter case)."""
    return db.one("SELECT c.code, c.retired_at, r.name, r.card_code AS current FROM retired_card c"
                  " JOIN resident r ON r.id = c.resident_id WHERE c.code = ? COLLATE NOCASE", (code,))


def retire(conn, *, code: str, resident_id: str, reason: str, at: str) -> None:
    conn.execute("INSERT INTO retired_card (code, resident_id, reason, retired_at) VALUES (?, ?, ?, ?)",
                 (code, resident_id, reason, at))


def set_card_code(conn, resident_id: str, code: str, at: str) -> None:
    conn.execute("UPDATE resident SET card_code = ?, updated_at = ? WHERE id = ?", (code, at, resident_id))


def faces_of(db: Database, resident_ids: list[str]) -> list[sqlite3.Row]:
    marks = ",".join("?" * len(resident_ids))
    rows = db.all(f"{_FACE} WHERE r.id IN ({marks})", tuple(resident_ids))
    order = {rid: n for n, rid in enumerate(resident_ids)}
    return sorted(rows, key=lambda row: order[row["id"]])


def faces_of_household(db: Database, house_no: str) -> list[sqlite3.Row]:
    return db.all(f"{_FACE} WHERE h.house_no = ? AND r.status = 'active' ORDER BY r.created_at", (house_no,))


def all_active_faces(db: Database) -> list[sqlite3.Row]:
    return db.all(f"{_FACE} WHERE r.status = 'active' ORDER BY h.house_no, r.created_at")


def household_exists(db: Database, house_no: str) -> bool:
    return db.scalar("SELECT 1 FROM household WHERE house_no = ?", (house_no,)) is not None


# Written when a record from the township or another counter arrives (kiosk/sync/apply*.py).


def retire_card_once(conn, code: str, resident_id: str, reason: str, at: str | None) -> None:
    """Retired cards are a growing set: a code already retired stays as it was."""
    conn.execute("INSERT OR IGNORE INTO retired_card (code, resident_id, reason, retired_at)"
                 " VALUES (?, ?, ?, ?)", (code, resident_id, reason, at))


def retired_codes(conn, resident_id: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT code FROM retired_card WHERE resident_id = ?", (resident_id,))}


def settle_card(conn, resident_id: str, code: str) -> None:
    conn.execute("UPDATE resident SET card_code = ? WHERE id = ? AND card_code != ?", (code, resident_id, code))
