"""What the self-service touchscreen reads: small indexed queries, run on every touch.

Nothing here writes. Ranges over the ledger use the entry_account index (account, at)
with `at >= start`: an entry's activity date is checked against the same clock that
stamps its `at` and is never in the future, so `at >= start` holds for every entry
whose activity falls in [start, end) and each account is read only from `start` on.
"""

from __future__ import annotations

import sqlite3

from kiosk.core.kinds import SCORED
from kiosk.store.db import Database
from kiosk.store.people import RESIDENT_COLUMNS
from kiosk.store.text import quoted

_RESIDENTS = f"SELECT {RESIDENT_COLUMNS} FROM resident r JOIN household h ON h.id = r.household_id"
_EARNED = f"e.kind IN {quoted(SCORED)}"


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def _after(prefix: str) -> str:
    """The smallest text after every text that starts with `prefix`: an index range's end."""
    if not prefix or prefix[-1] == "\U0010ffff":
        return prefix + "\U0010ffff"
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# finding a resident -------------------------------------------------------------------

def residents_by_initials(db: Database, prefix: str, limit: int) -> list[sqlite3.Row]:
    """Active residents whose initials start with `prefix` (all when empty), by name."""
    if not prefix:
        return db.all(f"{_RESIDENTS} WHERE r.status = 'active' ORDER BY r.name LIMIT ?", (limit,))
    return db.all(
        f"{_RESIDENTS} WHERE r.initials >= ? AND r.initials < ? AND r.status = 'active'"
        " ORDER BY r.name LIMIT ?", (prefix, _after(prefix), limit))


def residents_by_house(db: Database, prefix: str) -> list[sqlite3.Row]:
    """Active residents of active households whose house number starts with `prefix`."""
    return db.all(
        f"{_RESIDENTS} WHERE h.house_no >= ? AND h.house_no < ? AND h.active = 1"
        " AND r.status = 'active'", (prefix, _after(prefix)))


def resident_by_card(db: Database, code: str) -> sqlite3.Row | None:
    """An active resident by card code, in any letter case (index resident_card_nocase)."""
    return db.one(
        f"{_RESIDENTS} WHERE r.card_code = ? COLLATE NOCASE AND r.status = 'active' LIMIT 1", (code,))


def pin_hash(db: Database, resident_id: str) -> str | None:
    return db.scalar("SELECT pin_hash FROM resident WHERE id = ?", (resident_id,))


# one household ------------------------------------------------------------------------

def household_card(db: Database, household_id: str) -> sqlite3.Row | None:
    """House number and the head's name (or the first member's when no head is set)."""
    return db.one(
        "SELECT h.house_no, COALESCE(hr.name, (SELECT name FROM resident WHERE household_id = h.id"
        " ORDER BY rowid LIMIT 1), '') AS head FROM household h"
        " LEFT JOIN resident hr ON hr.id = h.head_id WHERE h.id = ?", (household_id,))


def household_accounts(db: Database, household_id: str) -> list[str]:
    """The household's account, or its members' accounts in a village of personal accounts."""
    rows = db.all(
        "SELECT id FROM account WHERE household_id = ?1 UNION ALL SELECT a.id FROM resident r"
        " JOIN account a ON a.resident_id = r.id WHERE r.household_id = ?1", (household_id,))
    return [row[0] for row in rows]


def earned_by_member(db: Database, account_ids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    """Awards less deductions per (account, resident) with activity in [start, end)."""
    if not account_ids:
        return []
    return db.all(
        "SELECT e.account_id, e.resident_id, r.name, r.relation, SUM(e.hundredths) AS earned"
        f" FROM entry e LEFT JOIN resident r ON r.id = e.resident_id"
        f" WHERE e.account_id IN ({_marks(account_ids)}) AND e.at >= ? AND {_EARNED}"
        " AND e.activity_date >= ? AND e.activity_date < ? GROUP BY e.account_id, e.resident_id",
        (*account_ids, start, start, end))


def history(db: Database, account_id: str, limit: int) -> list[sqlite3.Row]:
    """The newest entries, with what a plain sentence about each needs."""
    return db.all(
        "SELECT e.kind, e.hundredths, e.qty, e.note, e.activity_date, COALESCE(e.version_name, u.name) AS rule_name,"
        " COALESCE(e.version_shape, u.shape) AS shape, e.reverses_id, (SELECT name FROM sale_line WHERE sale_id = e.sale_id ORDER BY line_no LIMIT 1)"
        " AS first_item, (SELECT COUNT(*) FROM sale_line WHERE sale_id = e.sale_id) AS lines,"
        " (SELECT SUM(qty) FROM sale_line WHERE sale_id = e.sale_id) AS items"
        " FROM entry e LEFT JOIN rule u ON u.id = e.rule_id"
        " WHERE e.account_id = ? ORDER BY e.at DESC, e.id DESC LIMIT ?", (account_id, limit))


def pending_claims(db: Database, account_ids: list[str]) -> list[sqlite3.Row]:
    if not account_ids:
        return []
    return db.all(
        "SELECT c.activity_date, c.points AS hundredths, c.qty, r.name, h.house_no,"
        " COALESCE(c.version_name, u.name) AS rule_name, COALESCE(c.version_shape, u.shape) AS shape FROM claim c JOIN resident r ON r.id = c.resident_id"
        " JOIN household h ON h.id = r.household_id JOIN rule u ON u.id = c.rule_id"
        f" WHERE c.status = 'pending' AND c.account_id IN ({_marks(account_ids)})"
        " ORDER BY c.filed_at DESC, c.id DESC", tuple(account_ids))


_NOTICE_COLUMNS = (
    "SELECT e.activity_date, e.hundredths, e.qty, r.name, h.house_no, COALESCE(e.version_name, u.name) AS rule_name, COALESCE(e.version_shape, u.shape) AS shape"
)
_NOTICE_JOINS = (
    " LEFT JOIN resident r ON r.id = e.resident_id LEFT JOIN household h ON h.id = r.household_id"
    " LEFT JOIN rule u ON u.id = e.rule_id"
)


def notices_of(db: Database, account_ids: list[str], since: str) -> list[sqlite3.Row]:
    """Awards and deductions posted (approved) at or after `since` in these accounts."""
    if not account_ids:
        return []
    return db.all(
        f"{_NOTICE_COLUMNS} FROM entry e{_NOTICE_JOINS}"
        f" WHERE e.account_id IN ({_marks(account_ids)}) AND e.at >= ? AND {_EARNED}"
        " ORDER BY e.at DESC, e.id DESC", (*account_ids, since))


def notices_all(db: Database, since: str, limit: int) -> list[sqlite3.Row]:
    """The village's notice board: one index range per account (CROSS JOIN keeps that order)."""
    return db.all(
        f"{_NOTICE_COLUMNS} FROM account a CROSS JOIN entry e ON e.account_id = a.id AND e.at >= ?"
        f"{_NOTICE_JOINS} WHERE {_EARNED} ORDER BY e.at DESC, e.id DESC LIMIT ?", (since, limit))


# the village ----------------------------------------------------------------------------

def last_entry(db: Database) -> tuple[int, str | None]:
    """The newest entry's rowid and id ((0, None) for an empty ledger)."""
    row = db.one("SELECT rowid, id FROM entry ORDER BY rowid DESC LIMIT 1")
    return (row[0], row[1]) if row else (0, None)


def entry_id_at(db: Database, rowid: int) -> str | None:
    return db.scalar("SELECT id FROM entry WHERE rowid = ?", (rowid,))


def earned_by_account(db: Database, start: str, end: str, after: int, upto: int) -> list[sqlite3.Row]:
    """Awards less deductions dated in [start, end) per account, among entries after..upto.

    A first read takes each account's range of the covering index entry_earned (a
    year of half a million entries: ~0.2 s instead of ~0.8 s, and a ten-year ledger
    costs no more); later reads are a short rowid range straight off the table."""
    if after == 0:
        rows = db.all(
            "SELECT a.id, (SELECT SUM(e.hundredths) FROM entry e"
            " WHERE e.account_id = a.id AND e.activity_date >= ? AND e.activity_date < ?"
            f" AND {_EARNED} AND e.rowid <= ?) FROM account a", (start, end, upto))
        return [row for row in rows if row[1] is not None]
    return db.all(
        "SELECT account_id, SUM(hundredths) FROM entry NOT INDEXED WHERE rowid > ? AND rowid <= ?"
        f" AND kind IN {quoted(SCORED)} AND activity_date >= ? AND activity_date < ?"
        " GROUP BY account_id", (after, upto, start, end))


def account_households(db: Database) -> dict[str, str]:
    """Every account's household: its own, or its resident's."""
    return dict(db.all("SELECT a.id, COALESCE(a.household_id, r.household_id) FROM account a"
                       " LEFT JOIN resident r ON r.id = a.resident_id"))


def active_households(db: Database) -> list[sqlite3.Row]:
    """Active households with their head's name (or the first member's when none is set)."""
    return db.all(
        "SELECT h.id, h.house_no, COALESCE(hr.name, (SELECT name FROM resident"
        " WHERE household_id = h.id ORDER BY rowid LIMIT 1), '') AS head FROM household h"
        " LEFT JOIN resident hr ON hr.id = h.head_id WHERE h.active = 1")


_GOODS = (
    "SELECT p.code, p.name, COALESCE(c.name, '') AS category, p.unit, p.price,"
    " COALESCE(s.qty, 0) AS stock FROM product p LEFT JOIN category c ON c.id = p.category_id"
    " LEFT JOIN stock s ON s.product_id = p.id"
)


def affordable_goods(db: Database, balance: int, limit: int) -> list[sqlite3.Row]:
    return db.all(f"{_GOODS} WHERE p.active = 1 AND s.qty > 0 AND p.price <= ?"
                  " ORDER BY p.price, p.name LIMIT ?", (balance, limit))


def goods_added_since(db: Database, since: str, limit: int) -> list[sqlite3.Row]:
    return db.all(f"{_GOODS} WHERE p.active = 1 AND p.created_at >= ?"
                  " ORDER BY p.created_at DESC, p.rowid DESC LIMIT ?", (since, limit))


def active_rules(db: Database) -> list[sqlite3.Row]:
    """Active rules in the order they were stored."""
    return db.all("SELECT * FROM rule WHERE active = 1 ORDER BY rowid")
