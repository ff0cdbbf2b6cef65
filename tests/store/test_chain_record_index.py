"""The index chain_record leaves audit rows out (migration 0031: a redeem's commit writes one
page fewer), and every query of `kiosk check` that finds chain rows by type still uses it."""

from __future__ import annotations

import sqlite3

from kiosk.services.audit import chain_check
from kiosk.services.shop import checkout
from kiosk.store import chain_verify
from tests.conftest import give


def _plans_scanning_the_chain(conn, statements: list[str]) -> list[str]:
    """Statements whose plan reads the whole chain table (not its index, not by position)."""
    out = []
    for sql in statements:
        if "chain" not in sql or not sql.lstrip().upper().startswith("SELECT"):
            continue
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall():
            detail = row[3]
            if detail.startswith("SCAN") and ("chain" in detail or detail.split()[1] == "c") \
                    and "INDEX" not in detail:
                out.append(f"{detail}: {sql}")
    return out


def test_audit_rows_are_not_in_chain_record(shop, volunteer):
    give(shop, "JF000001", 2)
    checkout.redeem_items(volunteer, "JF000001", ["香皂"])
    conn = shop.db.conn
    indexed = conn.execute("SELECT COUNT(*) FROM chain INDEXED BY chain_record WHERE record_type <> 'audit'"
                           ).fetchone()[0]
    assert indexed == conn.execute("SELECT COUNT(*) FROM chain NOT INDEXED WHERE record_type <> 'audit'").fetchone()[0]
    assert conn.execute("SELECT COUNT(*) FROM chain WHERE record_type = 'audit'").fetchone()[0] > 0
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'chain_record'").fetchone()[0]
    assert "WHERE record_type <> 'audit'" in sql


def test_the_checks_queries_by_type_use_the_index(shop, volunteer):
    give(shop, "JF000001", 2)
    checkout.redeem_items(volunteer, "JF000001", ["香皂"])
    conn = shop.db.conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        assert chain_check.records(conn) == []
    finally:
        conn.set_trace_callback(None)
    assert any("record_type = 'sale'" in sql for sql in statements)
    assert _plans_scanning_the_chain(conn, statements) == []


def test_audit_rows_unchained_are_counted_and_named(shop, volunteer, db_path):
    give(shop, "JF000001", 2)
    conn = shop.db.conn
    assert chain_verify.audit_unchained(conn) == []
    outside = sqlite3.connect(db_path, isolation_level=None)
    try:
        outside.execute("DROP TRIGGER chain_audit")
        outside.execute("INSERT INTO audit (seq, at, operator_id, operator_name, action, target_type, target_id,"
                        " before, after, prev_hash, hash) SELECT seq + 1, at, operator_id, operator_name, action,"
                        " target_type, target_id, before, after, hash, hash FROM audit ORDER BY seq DESC LIMIT 1")
        last = outside.execute("SELECT MAX(seq) FROM audit").fetchone()[0]
    finally:
        outside.close()
    assert chain_verify.audit_unchained(conn) == [last]
