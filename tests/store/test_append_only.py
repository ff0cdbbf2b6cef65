"""Invariant 2: the ledger and its companions are append-only, enforced in SQLite itself."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.services.shop import checkout, refunds
from tests.conftest import fingerprint, give

# table -> a change an UPDATE would make
APPEND_ONLY = {
    "entry": "hundredths = hundredths * 2",
    "stock_move": "note = note || '改'",
    "sale": "total = total + 1",
    "sale_line": "qty = qty + 1",
    "refund": "reason = '改'",
    "refund_line": "qty = qty + 1",
    "audit": "after = '{}'",
    "journal": "record_type = 'x'",
}


@pytest.fixture
def trading(shop, volunteer):
    """The fixture village after awards, one sale and its refund: every table has rows."""
    give(shop, "JF000001", 12)
    sale = checkout.redeem_items(volunteer, "JF000001", ["6901234567892", "6920000000012x2"])
    refunds.refund(shop, sale.receipt, "顾客退回牙膏", lines={2: 1})
    return shop


def test_every_append_only_table_has_rows_to_protect(trading):
    for table in APPEND_ONLY:
        assert trading.db.scalar(f"SELECT COUNT(*) FROM {table}") > 0, table


@pytest.mark.parametrize(("table", "change"), APPEND_ONLY.items())
def test_update_is_aborted_and_nothing_changes(trading, table, change):
    db = trading.db
    before = fingerprint(db)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(f"UPDATE {table} SET {change}")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(f"UPDATE {table} SET {change} WHERE rowid = (SELECT MAX(rowid) FROM {table})")
    assert fingerprint(db) == before


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_delete_is_aborted_and_nothing_changes(trading, table):
    db = trading.db
    before = fingerprint(db)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(f"DELETE FROM {table}")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(f"DELETE FROM {table} WHERE rowid = (SELECT MAX(rowid) FROM {table})")
    assert fingerprint(db) == before


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_a_blocked_change_inside_a_write_rolls_back_the_whole_block(trading, table):
    db = trading.db
    before = fingerprint(db)
    with pytest.raises(sqlite3.IntegrityError):
        with db.write() as conn:
            conn.execute("INSERT INTO setting (key, value) VALUES ('sneaky', '1')")
            conn.execute(f"DELETE FROM {table}")
    assert fingerprint(db) == before


@pytest.mark.parametrize("table", APPEND_ONLY)
def test_insert_or_replace_cannot_rewrite_a_row(trading, table):
    # REPLACE deletes the old row without firing delete triggers unless
    # recursive_triggers is on: a way round the append-only triggers.
    db = trading.db
    before = fingerprint(db)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(f"INSERT OR REPLACE INTO {table}"
                   f" SELECT * FROM {table} WHERE rowid = (SELECT MIN(rowid) FROM {table})")
    assert fingerprint(db) == before

