"""Households, residents and their accounts."""

from __future__ import annotations

import sqlite3

from kiosk.store import replica
from kiosk.store.db import Database

RESIDENT_COLUMNS = (
    "r.id, r.name, r.initials, r.card_code, r.relation, r.status, r.id_last4, r.phone,"
    " r.household_id, h.house_no"
)


def insert_household(conn, *, id, village_id, house_no, at) -> None:
    conn.execute(
        "INSERT INTO household (id, village_id, house_no, created_at) VALUES (?, ?, ?, ?)",
        (id, village_id, house_no, at),
    )


def set_head(conn, household_id: str, resident_id: str) -> None:
    conn.execute("UPDATE household SET head_id = ? WHERE id = ?", (resident_id, household_id))


def set_household_active(conn, household_id: str, active: bool) -> None:
    conn.execute("UPDATE household SET active = ? WHERE id = ?", (int(active), household_id))


def insert_resident(conn, *, id, household_id, name, initials, card_code, relation,
                    id_last4, phone, at) -> None:
    conn.execute(
        "INSERT INTO resident (id, household_id, name, initials, card_code, relation, id_last4,"
        " phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, household_id, name, initials, card_code, relation, id_last4, phone, at, at),
    )


def insert_account(conn, *, id, household_id=None, resident_id=None, at) -> None:
    conn.execute(
        "INSERT INTO account (id, household_id, resident_id, created_at) VALUES (?, ?, ?, ?)",
        (id, household_id, resident_id, at),
    )
    conn.execute("INSERT INTO balance (account_id, hundredths) VALUES (?, 0)", (id,))


def household_by_house_no(db: Database, house_no: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM household WHERE house_no = ?", (house_no,))


def household(db: Database, household_id: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM household WHERE id = ?", (household_id,))


def resident(db: Database, resident_id: str) -> sqlite3.Row | None:
    return db.one(
        f"SELECT {RESIDENT_COLUMNS} FROM resident r JOIN household h ON h.id = r.household_id"
        " WHERE r.id = ?", (resident_id,)
    )


def residents_where(db: Database, column: str, value: str, limit: int = 20) -> list[sqlite3.Row]:
    """Exact match on card_code (in any letter case), name or initials (indexed columns only)."""
    assert column in ("card_code", "name", "initials")
    nocase = " COLLATE NOCASE" if column == "card_code" else ""
    return db.all(
        f"SELECT {RESIDENT_COLUMNS} FROM resident r JOIN household h ON h.id = r.household_id"
        f" WHERE r.{column} = ?{nocase} ORDER BY h.house_no, r.name LIMIT ?", (value, limit)
    )


def residents_of_household(db: Database, household_id: str) -> list[sqlite3.Row]:
    return db.all(
        f"SELECT {RESIDENT_COLUMNS} FROM resident r JOIN household h ON h.id = r.household_id"
        " WHERE r.household_id = ? ORDER BY r.relation != '户主', r.rowid", (household_id,)
    )


def residents_matching(db: Database, text: str, limit: int = 12) -> list[sqlite3.Row]:
    """Live suggestions: name, initials, card code or house number starting with `text`.

    Each prefix is an index range (text ≤ x < text⁺), so a keystroke reads only
    the matching rows, not the whole village.
    """
    low, high = text, _after(text)
    lower, lower_high = text.lower(), _after(text.lower())
    return db.all(
        f"SELECT {RESIDENT_COLUMNS} FROM resident r JOIN household h ON h.id = r.household_id"
        " WHERE r.id IN (SELECT id FROM resident WHERE name >= ?1 AND name < ?2"
        "  UNION SELECT id FROM resident WHERE initials >= ?3 AND initials < ?4"
        "  UNION SELECT id FROM resident WHERE card_code = ?5 COLLATE NOCASE"
        "  UNION SELECT id FROM resident WHERE household_id IN"
        "   (SELECT id FROM household WHERE house_no >= ?1 AND house_no < ?2))"
        " ORDER BY r.status != 'active', length(r.name), r.name LIMIT ?6",
        (low, high, lower, lower_high, text.upper(), limit),
    )


def _after(prefix: str) -> str:
    """The smallest text greater than every text starting with `prefix`."""
    if not prefix or prefix[-1] == "\U0010ffff":
        return prefix + "\U0010ffff"
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def list_residents(db: Database, limit: int = 100000) -> list[sqlite3.Row]:
    return db.all(
        f"SELECT {RESIDENT_COLUMNS} FROM resident r JOIN household h ON h.id = r.household_id"
        " ORDER BY h.house_no, r.created_at LIMIT ?", (limit,)
    )


def account_of(db: Database, mode: str, resident_id: str, household_id: str) -> sqlite3.Row | None:
    """The resident's account (the household's, or their own), its hold and cached balance."""
    owner = ("a.household_id = ?", household_id) if mode == "household" else ("a.resident_id = ?", resident_id)
    return db.one(
        "SELECT a.id, a.hold_reason, COALESCE(b.hundredths, 0) AS balance FROM account a"
        f" LEFT JOIN balance b ON b.account_id = a.id WHERE {owner[0]}", (owner[1],)
    )


def card_owner(db: Database, card_code: str) -> sqlite3.Row | None:
    """Who holds this card code, in any letter case (index resident_card_nocase)."""
    return db.one("SELECT id, name FROM resident WHERE card_code = ? COLLATE NOCASE", (card_code,))


def max_card_number(db: Database, prefix: str) -> int:
    """The highest PREFIX + six digits in use: one step down the card index from its end
    (GLOB, unlike LIKE, lets SQLite walk the index), so an import of thousands stays linear."""
    code = db.scalar(
        "SELECT card_code FROM resident WHERE card_code GLOB ? ORDER BY card_code DESC LIMIT 1",
        (prefix + "[0-9]" * 6,),
    )
    return int(code[len(prefix):]) if code else 0


def set_pin_hash(conn, resident_id: str, pin_hash: str | None, at: str) -> None:
    conn.execute("UPDATE resident SET pin_hash = ?, updated_at = ? WHERE id = ?",
                 (pin_hash, at, resident_id))


def household_lines(db: Database, prefix: str = "") -> list[sqlite3.Row]:
    """Households still in use (not merged away) with their head, member count and balance
    (household accounts, or the members' accounts added up in a per-resident village)."""
    return db.all(
        "SELECT h.house_no, head.name AS head,"
        " (SELECT COUNT(*) FROM resident r WHERE r.household_id = h.id AND r.status = 'active') AS members,"
        " (SELECT COALESCE(SUM(b.hundredths), 0) FROM account a JOIN balance b ON b.account_id = a.id"
        "   WHERE a.household_id = h.id OR a.resident_id IN"
        "   (SELECT id FROM resident WHERE household_id = h.id)) AS balance"
        " FROM household h LEFT JOIN resident head ON head.id = h.head_id"
        " WHERE h.active = 1 AND h.house_no >= ?1 AND h.house_no < ?2 ORDER BY h.house_no",
        (prefix, _after(prefix)),
    )


# Written when a record from the township or another counter arrives (kiosk/sync/apply*.py).


def open_balance_once(conn, account_id: str) -> None:
    conn.execute("INSERT OR IGNORE INTO balance (account_id, hundredths) VALUES (?, 0)", (account_id,))


def set_hold(conn, account_id: str, reason: str | None) -> bool:
    """The township's hold on an account (None releases it); False when the account is not here."""
    return conn.execute("UPDATE account SET hold_reason = ? WHERE id = ?", (reason, account_id)).rowcount == 1


def release_hold(conn, account_id: str) -> bool:
    return conn.execute("UPDATE account SET hold_reason = NULL WHERE id = ?", (account_id,)).rowcount == 1


# rows as sync receives them (from another counter, or the township), written column by column

RECEIVED_HOUSEHOLD_CHANGES = ("head_id", "active")
RECEIVED_RESIDENT_CHANGES = ("household_id", "name", "initials", "relation", "id_last4", "phone", "status",
                             "updated_at")


def insert_received_household(conn, row: dict, *, house_no: str) -> None:
    """A household made at another counter, under `house_no` (a parking name until its house
    number is settled)."""
    replica.insert(conn, "household", row, house_no=house_no)


def update_received_household(conn, row: dict) -> None:
    replica.update(conn, "household", "id", row, RECEIVED_HOUSEHOLD_CHANGES)


def insert_received_account(conn, row: dict) -> None:
    replica.insert(conn, "account", row)


def insert_received_resident(conn, row: dict) -> None:
    replica.insert(conn, "resident", row)


def update_received_resident(conn, row: dict) -> None:
    """The winning version's text (its card is settled apart, by kiosk.store.cards)."""
    replica.update(conn, "resident", "id", row, RECEIVED_RESIDENT_CHANGES)
