"""Every connection runs with WAL, synchronous=FULL, foreign keys and a busy timeout."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.store.db import BUSY_TIMEOUT_MS, connect
from kiosk.store.migrations import open_database


@pytest.fixture
def db(db_path):
    database = open_database(db_path, create=True)
    yield database
    database.close()


def test_journal_mode_is_wal(db):
    assert db.scalar("PRAGMA journal_mode") == "wal"


def test_synchronous_is_full(db):
    assert db.scalar("PRAGMA synchronous") == 2


def test_foreign_keys_are_enforced(db):
    assert db.scalar("PRAGMA foreign_keys") == 1
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO balance (account_id, hundredths) VALUES ('no-such-account', 100)")


def test_busy_timeout_is_set_and_configurable(db, db_path):
    assert db.scalar("PRAGMA busy_timeout") == BUSY_TIMEOUT_MS > 0
    other = connect(db_path, busy_timeout_ms=200)
    try:
        assert other.execute("PRAGMA busy_timeout").fetchone()[0] == 200
    finally:
        other.close()


def test_a_second_connection_gets_the_same_pragmas(db, db_path):
    second = connect(db_path)
    try:
        assert second.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert second.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert second.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        second.close()


def test_transactions_are_explicit_not_implicit(db):
    db.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
    assert not db.conn.in_transaction  # autocommit unless write() opens one
