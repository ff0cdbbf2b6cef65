"""The points ledger: append-only entries and the cached balances they keep."""

from __future__ import annotations

import sqlite3

from kiosk.core.entry_record import NewEntry
from kiosk.core.kinds import SCORED
from kiosk.store import journal
from kiosk.store.db import Database
from kiosk.store.text import quoted


_COLUMNS = tuple(NewEntry.__dataclass_fields__)
_INSERT = (
    f"INSERT INTO entry ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
)


def post(conn: sqlite3.Connection, entry: NewEntry, journaled: bool = True) -> None:
    """Append an entry; the trigger moves the cached balance in the same transaction.

    `journaled=False` leaves the journal row to the caller, who writes a batch."""
    conn.execute(_INSERT, tuple(getattr(entry, c) for c in _COLUMNS))
    if journaled:
        journal.record(conn, entry.terminal_id, "entry", entry.id)


def balance(db: Database | sqlite3.Connection, account_id: str) -> int:
    row = db.execute("SELECT hundredths FROM balance WHERE account_id = ?", (account_id,)).fetchone()
    return row[0] if row else 0


def credits_known(db: Database, account_ids: list[str]) -> dict[str, int]:
    """The sum of every credit (positive entry) these books hold for each account, one query a few hundred."""
    found: dict[str, int] = {}
    for start in range(0, len(account_ids), 500):          # well under SQLite's bound on parameters
        part = tuple(account_ids[start:start + 500])
        found.update((r[0], r[1]) for r in db.all(
            f"SELECT account_id, SUM(hundredths) FROM entry WHERE account_id IN ({', '.join('?' * len(part))})"
            " AND hundredths > 0 GROUP BY account_id", part))
    return found


def earned_under_rule(db: Database, resident_id: str, rule_id: str, start: str, end: str) -> int:
    return db.scalar(
        "SELECT COALESCE(SUM(hundredths), 0) FROM entry WHERE resident_id = ? AND rule_id = ?"
        " AND activity_date >= ? AND activity_date < ?",
        (resident_id, rule_id, start, end),
    )


def pending_under_rule(db: Database, resident_id: str, rule_id: str, start: str, end: str) -> int:
    return db.scalar(
        "SELECT COALESCE(SUM(points), 0) FROM claim WHERE resident_id = ? AND rule_id = ?"
        " AND status = 'pending' AND activity_date >= ? AND activity_date < ?",
        (resident_id, rule_id, start, end),
    )


def count_under_rule_since(db: Database, resident_id: str, rule_id: str, since: str) -> int:
    return db.scalar(
        "SELECT COUNT(*) FROM entry WHERE resident_id = ? AND rule_id = ? AND activity_date >= ?",
        (resident_id, rule_id, since),
    )


def entry(db: Database, entry_id: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM entry WHERE id = ?", (entry_id,))


def history(db: Database, account_id: str, limit: int = 50) -> list[sqlite3.Row]:
    return db.all(
        "SELECT e.*, COALESCE(e.version_name, r.name) AS rule_name, res.name AS resident_name, s.receipt"
        " FROM entry e LEFT JOIN rule r ON r.id = e.rule_id"
        " LEFT JOIN resident res ON res.id = e.resident_id"
        " LEFT JOIN sale s ON s.id = e.sale_id"
        " WHERE e.account_id = ? ORDER BY e.at DESC, e.id DESC LIMIT ?",
        (account_id, limit),
    )


def earned_in_year(db: Database, account_id: str, start: str, end: str) -> int:
    """Awards less deductions and their reversals in the year: the grade score."""
    return db.scalar(
        "SELECT COALESCE(SUM(hundredths), 0) FROM entry WHERE account_id = ?"
        f" AND kind IN {quoted(SCORED)} AND activity_date >= ? AND activity_date < ?",
        (account_id, start, end),
    )


def account_owner(db: Database, account_id: str) -> sqlite3.Row | None:
    """(house_no, head) of a household's account, or (resident) of a resident's own."""
    return db.one("SELECT h.house_no, head.name AS head, r.name AS resident FROM account a"
                  " LEFT JOIN household h ON h.id = a.household_id LEFT JOIN resident head ON head.id = h.head_id"
                  " LEFT JOIN resident r ON r.id = a.resident_id WHERE a.id = ?", (account_id,))


def cache_mismatches(db: Database) -> list[sqlite3.Row]:
    """Accounts whose cached balance differs from the sum of their entries."""
    return db.all(
        # entry_earned holds account_id and hundredths: summed from the index alone, a tenth of
        # the pages a pass over the table reads (the planner would take entry_account and look
        # up every row)
        "WITH sums AS (SELECT account_id, SUM(hundredths) AS total FROM entry INDEXED BY entry_earned"
        " GROUP BY account_id)"
        " SELECT a.id AS account_id, COALESCE(b.hundredths, 0) AS cached,"
        " COALESCE(s.total, 0) AS summed"
        " FROM account a LEFT JOIN balance b ON b.account_id = a.id"
        " LEFT JOIN sums s ON s.account_id = a.id"
        " WHERE COALESCE(b.hundredths, 0) != COALESCE(s.total, 0)"
        " UNION ALL SELECT b.account_id, b.hundredths, NULL FROM balance b"
        " WHERE b.account_id NOT IN (SELECT id FROM account)"
    )
