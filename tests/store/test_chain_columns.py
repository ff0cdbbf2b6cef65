"""A migration that adds a column to a table the books' chain covers leaves every village's
books as sound as they were: `kiosk check` finds nothing after it, and still finds an edit.

Records read in place (entries, stock moves, sales with their lines …) are hashed over the
columns frozen in kiosk/store/chain_columns.py; records with a stored body (products,
households …) are compared over the keys that body has. Before, the hash read the table's
columns as they are now, so one `ALTER TABLE entry ADD COLUMN` made `kiosk check` call every
sealed entry rewritten."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from kiosk.services.shop import checkout, refunds
from kiosk.services.stock import movements as stock
from kiosk.store.chain_columns import HASHED, NOT_HASHED
from tests.conftest import give
from tests.services.audit.test_chain_tamper import problems

IN_PLACE_TABLES = ("entry", "stock_move", "delivery", "sale", "sale_line", "refund", "refund_line")
WITH_STORED_BODIES = ("product", "household", "resident", "rule")


@pytest.fixture
def books(shop, volunteer, db_path):
    """青石村 with awards, a sale, a part refunded and goods received; closed."""
    give(shop, "JF000001", 3)
    sale = checkout.redeem_items(volunteer, "JF000001", ["香皂", "香皂"])
    refunds.refund(shop, sale.receipt, "顾客退回一块", {1: 1})
    stock.receive(shop, "香皂", 10, source="乡镇配送")
    shop.db.close()
    return db_path


def add_column(path, tables: tuple[str, ...]) -> None:
    """What a later migration might do: a column with a value in every row."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for table in tables:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN added_later TEXT NOT NULL DEFAULT '新'")
    finally:
        conn.close()


def test_a_column_added_to_records_read_in_place_changes_no_sealed_link(books):
    add_column(books, IN_PLACE_TABLES)
    assert problems(books) == []


def test_a_column_added_to_records_with_stored_bodies_is_not_called_a_change(books):
    add_column(books, WITH_STORED_BODIES)
    assert problems(books) == []


def test_an_edit_after_such_a_migration_is_still_caught(books):
    add_column(books, IN_PLACE_TABLES + WITH_STORED_BODIES)
    conn = sqlite3.connect(books, isolation_level=None)
    try:
        for trigger in ("sale_line_no_update", "chain_product_update"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("UPDATE sale_line SET qty = 1")
        conn.execute("UPDATE product SET name = '假香皂' WHERE name = '香皂'")
    finally:
        conn.close()
    found = problems(books)
    assert any("sale" in line for line in found), found
    assert any("product" in line for line in found), found


def test_the_hashed_columns_never_change():
    """A column taken into HASHED, or one left out of it, changes the bytes of every sealed
    record of its table: every village's check would call its books rewritten."""
    frozen = hashlib.sha256(json.dumps(HASHED, sort_keys=True).encode()).hexdigest()
    assert frozen == "8a3a6f69717bf2e10b4e63482b2f503943778fc81d3f633e1905e9ff95528c68", (
        "HASHED changed: name a new column in NOT_HASHED; covering it needs a new chain format")


def test_every_column_of_a_hashed_table_is_hashed_or_left_out_by_name(shop):
    """A migration adding a column to one of these tables must name it in NOT_HASHED, with why
    (the chain covers it only in a new chain format). Dropping a hashed column would change every
    sealed link: never."""
    for table, hashed in HASHED.items():
        now = {row[1] for row in shop.db.conn.execute(f"PRAGMA table_info({table})").fetchall()}
        assert set(hashed) <= now, f"{table} lost hashed columns {set(hashed) - now}"
        assert now - set(hashed) == set(NOT_HASHED.get(table, {})), (
            f"{table} has columns the books' chain neither hashes nor names in NOT_HASHED:"
            f" {now - set(hashed) - set(NOT_HASHED.get(table, {}))}")
