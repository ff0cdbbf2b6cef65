"""The guarded tables (kiosk.store.history.GUARDED_TABLES): history that changes in one narrow
way. Each is tried here, the allowed change and the refused ones, with the trigger's words."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.core.ids import new_id
from kiosk.store.history import GUARDED_TABLES
from tests.conftest import give

AT = "2026-11-03T10:00:00"


def refused(db, sql: str, params=()) -> str:
    with pytest.raises(sqlite3.IntegrityError) as caught:
        db.execute(sql, params)
    return str(caught.value)


def _objection(db) -> str:
    oid = new_id()
    db.execute("INSERT INTO objection (id, entry_id, objector, why, recorded_by, recorded_at)"
               " VALUES (?, (SELECT id FROM entry LIMIT 1), '王大妈', '那天没去', (SELECT id FROM operator LIMIT 1), ?)",
               (oid, AT))
    return oid


def objection_is_decided_once(db) -> None:
    oid = _objection(db)
    changed = "an objection is decided once and otherwise never changes"
    assert refused(db, "UPDATE objection SET why = '改了' WHERE id = ?", (oid,)) == changed
    db.execute("UPDATE objection SET status = 'dismissed', decided_at = ?, decision_note = '核实无误'"
               " WHERE id = ?", (AT, oid))
    assert refused(db, "UPDATE objection SET status = 'upheld' WHERE id = ?", (oid,)) == changed
    assert refused(db, "DELETE FROM objection WHERE id = ?", (oid,)) == "objections are kept"


def stock_count_is_final_once_closed(db) -> None:
    cid, product = new_id(), db.scalar("SELECT id FROM product LIMIT 1")
    db.execute("INSERT INTO stock_count (id, started_at, terminal_id) VALUES (?, ?, 't')", (cid, AT))
    db.execute("INSERT INTO stock_count_line (count_id, product_id, snapshot) VALUES (?, ?, 20)", (cid, product))
    db.execute("UPDATE stock_count_line SET counted = 19, at_count = 20, counted_at = ? WHERE count_id = ?", (AT, cid))
    db.execute("UPDATE stock_count SET status = 'posted', closed_at = ? WHERE id = ?", (AT, cid))
    final = "a closed stock-take cannot change"
    assert refused(db, "UPDATE stock_count SET reason = '改' WHERE id = ?", (cid,)) == final
    assert refused(db, "UPDATE stock_count_line SET counted = 18 WHERE count_id = ?", (cid,)) == final
    other = db.scalar("SELECT id FROM product WHERE id != ? LIMIT 1", (product,))
    assert refused(db, "INSERT INTO stock_count_line (count_id, product_id, snapshot) VALUES (?, ?, 1)",
                   (cid, other)) == final
    assert refused(db, "DELETE FROM stock_count_line WHERE count_id = ?", (cid,)) == "stock-takes are kept"
    assert refused(db, "DELETE FROM stock_count WHERE id = ?", (cid,)) == "stock-takes are kept"


def chain_link_is_sealed_once(db) -> None:
    last = db.scalar("SELECT MAX(position) FROM chain WHERE link_hash IS NOT NULL")
    assert refused(db, "UPDATE chain SET body = 'x' WHERE position = ?", (last,)) == "a sealed link is never changed"
    assert refused(db, "DELETE FROM chain WHERE position = ?", (last,)) == "the books' chain is append-only"


def sync_remote_is_kept_as_it_came(db) -> None:
    rid = new_id()
    db.execute("INSERT INTO sync_remote (id, terminal_id, seq, type, body, sha256, applied, received_at)"
               " VALUES (?, 'township', 1, 'rate', '{}', 'x', 0, ?)", (rid, AT))
    kept = "received records are kept as they came"
    assert refused(db, "UPDATE sync_remote SET applied = 1 WHERE id = ?", (rid,)) == kept
    db.execute("DELETE FROM sync_remote WHERE id = ?", (rid,))     # applied: written again with applied = 1
    assert db.scalar("SELECT COUNT(*) FROM sync_remote WHERE id = ?", (rid,)) == 0


def cross_note_is_acknowledged_once(db) -> None:
    pid, op = new_id(), db.scalar("SELECT id FROM operator LIMIT 1")
    db.execute("INSERT INTO cross_pending (id, card_code, amount, receipt, lines, operator_id, terminal_id, created_at)"
               " VALUES (?, 'JF200007', 500, 'W261103-01-0001', '[]', ?, 't', ?)", (pid, op, AT))
    db.execute("INSERT INTO cross_note (id, pending_id, outcome, noted_at) VALUES (?, ?, 'sold', ?)", (pid, pid, AT))
    once = "a note is acknowledged once and otherwise never changes"
    assert refused(db, "UPDATE cross_note SET outcome = 'refused' WHERE pending_id = ?", (pid,)) == once
    assert refused(db, "UPDATE cross_note SET seen_by = ? WHERE pending_id = ?", (op, pid)) == once
    db.execute("UPDATE cross_note SET seen_by = ?, seen_at = ? WHERE pending_id = ?", (op, AT, pid))
    assert refused(db, "UPDATE cross_note SET seen_by = NULL, seen_at = NULL WHERE pending_id = ?", (pid,)) == once
    assert refused(db, "UPDATE cross_note SET seen_at = '2026-11-04T10:00:00' WHERE pending_id = ?", (pid,)) == once
    assert refused(db, "DELETE FROM cross_note WHERE pending_id = ?", (pid,)) == "notes of exchanges are kept"


GUARDS = {
    "cross_note": cross_note_is_acknowledged_once,
    "objection": objection_is_decided_once,
    "stock_count": stock_count_is_final_once_closed,
    "stock_count_line": stock_count_is_final_once_closed,
    "chain": chain_link_is_sealed_once,
    "sync_remote": sync_remote_is_kept_as_it_came,
}


def test_every_guarded_table_is_tried_here():
    assert set(GUARDS) == set(GUARDED_TABLES)


@pytest.mark.parametrize("table", sorted(GUARDED_TABLES))
def test_a_guarded_table_allows_its_one_change_and_refuses_the_rest(shop, table):
    give(shop, "JF000001")
    GUARDS[table](shop.db)
