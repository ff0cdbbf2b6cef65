"""Database.write(): all or nothing; nested blocks are savepoints; a lock is a Refused."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.core.errors import Refused
from kiosk.store.db import Database, connect
from kiosk.store.migrations import open_database
from tests.conftest import fingerprint


@pytest.fixture
def db(db_path):
    database = open_database(db_path, create=True)
    yield database
    database.close()


def settings(db) -> dict[str, str]:
    return {row["key"]: row["value"] for row in db.all("SELECT key, value FROM setting")}


def test_a_block_that_finishes_commits_everything(db, db_path):
    with db.write() as conn:
        conn.execute("INSERT INTO setting VALUES ('a', '1')")
        conn.execute("INSERT INTO setting VALUES ('b', '2')")
    other = sqlite3.connect(db_path)
    assert dict(other.execute("SELECT key, value FROM setting").fetchall()) == {"a": "1", "b": "2"}
    other.close()


def test_an_exception_inside_rolls_back_everything(db):
    db.execute("INSERT INTO setting VALUES ('kept', 'yes')")
    before = fingerprint(db)
    with pytest.raises(ZeroDivisionError):
        with db.write() as conn:
            conn.execute("INSERT INTO setting VALUES ('a', '1')")
            conn.execute("UPDATE setting SET value = 'no' WHERE key = 'kept'")
            conn.execute("INSERT INTO meta VALUES ('x', 'y')")
            raise ZeroDivisionError
    assert fingerprint(db) == before
    assert not db.conn.in_transaction


def test_a_refusal_inside_rolls_back_too(db):
    before = fingerprint(db)
    with pytest.raises(Refused):
        with db.write() as conn:
            conn.execute("INSERT INTO setting VALUES ('a', '1')")
            raise Refused("cart_empty")
    assert fingerprint(db) == before


def test_nested_block_failure_caught_by_the_caller_keeps_the_outer_work(db):
    with db.write() as conn:
        conn.execute("INSERT INTO setting VALUES ('outer-before', '1')")
        with pytest.raises(ValueError):
            with db.write() as inner:
                inner.execute("INSERT INTO setting VALUES ('inner', '1')")
                raise ValueError("inner step fails")
        conn.execute("INSERT INTO setting VALUES ('outer-after', '1')")
    assert settings(db) == {"outer-before": "1", "outer-after": "1"}


def test_nested_block_success_is_undone_when_the_outer_block_fails(db):
    with pytest.raises(RuntimeError):
        with db.write() as conn:
            conn.execute("INSERT INTO setting VALUES ('outer', '1')")
            with db.write() as inner:
                inner.execute("INSERT INTO setting VALUES ('inner', '1')")
            raise RuntimeError
    assert settings(db) == {}


def test_three_levels_deep_only_the_failing_level_is_undone(db):
    with db.write() as conn:
        conn.execute("INSERT INTO setting VALUES ('one', '1')")
        with db.write() as two:
            two.execute("INSERT INTO setting VALUES ('two', '1')")
            with pytest.raises(KeyError):
                with db.write() as three:
                    three.execute("INSERT INTO setting VALUES ('three', '1')")
                    raise KeyError
            two.execute("INSERT INTO setting VALUES ('two-after', '1')")
    assert settings(db) == {"one": "1", "two": "1", "two-after": "1"}


def test_writes_work_again_after_a_failed_block(db):
    with pytest.raises(RuntimeError):
        with db.write() as conn:
            conn.execute("INSERT INTO setting VALUES ('a', '1')")
            raise RuntimeError
    with db.write() as conn:
        conn.execute("INSERT INTO setting VALUES ('a', '2')")
    assert settings(db) == {"a": "2"}


@pytest.fixture
def locker(db, db_path):
    """Another program holding the write lock."""
    other = sqlite3.connect(db_path, timeout=0.1, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO setting VALUES ('other-program', '1')")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_a_write_lock_held_elsewhere_is_refused_as_db_locked(db, db_path, locker):
    blocked = Database(connect(db_path, busy_timeout_ms=200), db_path)
    ran = []
    try:
        with pytest.raises(Refused) as refused:
            with blocked.write() as conn:
                ran.append(True)
                conn.execute("INSERT INTO setting VALUES ('mine', '1')")
        assert refused.value.code == "db_locked"
        assert refused.value.params["path"] == str(db_path)
        assert ran == []
        assert not blocked.conn.in_transaction
    finally:
        blocked.close()


def test_after_the_lock_is_released_the_same_database_writes(db, db_path, locker):
    blocked = Database(connect(db_path, busy_timeout_ms=200), db_path)
    try:
        with pytest.raises(Refused):
            with blocked.write():
                pass
        locker.execute("ROLLBACK")
        with blocked.write() as conn:
            conn.execute("INSERT INTO setting VALUES ('mine', '1')")
        assert settings(blocked) == {"mine": "1"}
    finally:
        blocked.close()
