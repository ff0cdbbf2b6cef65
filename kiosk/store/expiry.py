"""The expiry job's reads and its record of runs (one per policy and period)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from itertools import groupby

from kiosk.store.db import Database


def movements_of_accounts_in_credit(db: Database) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """(account, [(posted at, hundredths) ...] in posting order) for each account above zero.

    An account at or below zero has nothing left that could expire, so it is not read."""
    rows = db.execute(
        "SELECT account_id, at, hundredths FROM entry WHERE account_id IN"
        " (SELECT account_id FROM balance WHERE hundredths > 0)"
        " ORDER BY account_id, at, rowid")
    for account_id, group in groupby(rows, key=lambda row: row[0]):
        yield account_id, [(row[1], row[2]) for row in group]


def account_owners(db: Database) -> dict[str, str | None]:
    """Each account's resident (None for a household's shared account)."""
    return dict(db.all("SELECT id, resident_id FROM account"))


def has_run(db: Database | sqlite3.Connection, policy: str, period: str) -> bool:
    return db.execute("SELECT 1 FROM expiry_run WHERE policy = ? AND period = ?",
                      (policy, period)).fetchone() is not None


def insert_run(conn, *, id, policy, period, entries, hundredths, operator_id, terminal_id, at) -> None:
    """Raises sqlite3.IntegrityError when this policy and period has run already."""
    conn.execute(
        "INSERT INTO expiry_run (id, policy, period, entries, hundredths, operator_id, terminal_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (id, policy, period, entries, hundredths, operator_id, terminal_id, at))


def last_run(db: Database) -> sqlite3.Row | None:
    return db.one("SELECT * FROM expiry_run ORDER BY at DESC, rowid DESC LIMIT 1")


def runs(db: Database, limit: int = 20) -> list[sqlite3.Row]:
    return db.all("SELECT * FROM expiry_run ORDER BY at DESC, rowid DESC LIMIT ?", (limit,))
