"""How the books' chain seals a transaction's rows: in one UPDATE going on from the running
hash the connection kept, when every row is read in place; by reading the tail and letting
Python write bodies otherwise (another connection sealed rows in between, a record whose
body Python writes, a fresh start). Either way the links are the ones a check recomputes."""

from __future__ import annotations

import sqlite3

from kiosk.services.audit.check import run_check
from kiosk.services.context import Context
from kiosk.services.people import operators
from kiosk.services.shop import checkout
from kiosk.store import chain
from kiosk.store.migrations import open_database
from tests.conftest import give


def _chain_statements(db, write) -> list[str]:
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        write()
    finally:
        db.conn.set_trace_callback(None)
    return [s for s in seen if " chain " in s or "FROM chain" in s or s.startswith("UPDATE chain")]


def _all_sealed_and_checked(db) -> None:
    assert db.scalar("SELECT COUNT(*) FROM chain WHERE link_hash IS NULL") == 0
    assert run_check(db).problems == []


def test_a_redeem_after_another_write_seals_its_rows_in_one_update(shop):
    give(shop, "JF000001", 4)
    statements = _chain_statements(shop.db, lambda: checkout.redeem_items(shop, "JF000001", ["6920000000012*2"]))
    # one statement, and no look for rows written outside the program when the write begins:
    # no other connection has committed since this one sealed (PRAGMA data_version)
    assert len(statements) == 1 and statements[0].startswith("UPDATE chain AS c SET link_hash"), statements
    _all_sealed_and_checked(shop.db)


def _another_connection_gives(shop, db_path, times: int) -> None:
    other = open_database(db_path)
    try:
        give(Context(other, shop.actor, shop.clock), "JF000004", times)
    finally:
        other.close()


def test_a_write_after_another_connections_commit_looks_for_rows_written_outside(shop, db_path):
    give(shop, "JF000001", 4)
    _another_connection_gives(shop, db_path, 1)
    statements = _chain_statements(shop.db, lambda: checkout.redeem_items(shop, "JF000001", ["6920000000012*2"]))
    assert statements[0] == "SELECT position, link_hash FROM chain ORDER BY position DESC LIMIT 1", statements
    _all_sealed_and_checked(shop.db)


def test_rows_sealed_on_another_connection_in_between_are_gone_on_from(shop, db_path):
    give(shop, "JF000001", 4)
    _another_connection_gives(shop, db_path, 2)
    checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    give(shop, "JF000001")
    _all_sealed_and_checked(shop.db)


def test_a_record_whose_body_python_writes_is_sealed_with_its_body(shop):
    give(shop, "JF000001", 4)
    checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    operators.add_operator(shop, "王秀兰", "manager", "1379")
    body = shop.db.scalar("SELECT body FROM chain WHERE record_type = 'operator' ORDER BY position DESC LIMIT 1")
    assert body is not None and "王秀兰" in body
    give(shop, "JF000001")
    _all_sealed_and_checked(shop.db)


def test_links_sealed_in_one_update_cross_a_block(shop):
    start = shop.db.scalar("SELECT MAX(position) FROM chain")
    while shop.db.scalar("SELECT MAX(position) FROM chain") < start + chain.BLOCK + 4:
        give(shop, "JF000001", 20)
    _all_sealed_and_checked(shop.db)


def test_a_write_rolled_back_leaves_the_next_seal_right(shop):
    give(shop, "JF000001", 4)
    try:
        with shop.db.write():
            shop.db.execute("INSERT INTO audit (seq, at, operator_name, action, target_type, target_id,"
                            " prev_hash, hash) VALUES (999999, 'x', 'x', 'x', 'x', 'x', 'x', 'x')")
            raise KeyError("given up")
    except KeyError:
        pass
    checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    _all_sealed_and_checked(shop.db)


def test_the_one_update_leaves_a_link_sealed_after_the_kept_one_as_it_is(shop, db_path):
    """A row sealed on another connection after this one's kept link (here: by hand) keeps its
    link: the UPDATE seals only rows with none, and the rows after it go the long way."""
    give(shop, "JF000001", 4)
    kept = shop.db.scalar("SELECT MAX(position) FROM chain")
    outside = sqlite3.connect(db_path, isolation_level=None)
    try:
        seq = outside.execute("SELECT MAX(seq) FROM audit").fetchone()[0]
        outside.execute("INSERT INTO chain (record_type, record_id, link_hash) VALUES ('audit', ?, ?)",
                        (str(seq), "f" * 64))
    finally:
        outside.close()
    checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    assert shop.db.scalar("SELECT link_hash FROM chain WHERE position = ?", (kept + 1,)) == "f" * 64
    assert shop.db.scalar("SELECT COUNT(*) FROM chain WHERE link_hash IS NULL") == 0
    assert any(f"第 {kept + 1} 条" in problem for problem in run_check(shop.db).problems)


def test_a_link_changed_by_hand_is_caught_where_it_stands(shop):
    give(shop, "JF000001", 4)
    checkout.redeem_items(shop, "JF000001", ["6920000000012*2"])
    position = shop.db.scalar("SELECT MIN(position) FROM chain WHERE record_type = 'sale'")
    shop.db.execute("UPDATE chain SET link_hash = ? WHERE position = ?", ("0" * 64, position))
    assert any(f"第 {position} 条" in problem for problem in run_check(shop.db).problems)
