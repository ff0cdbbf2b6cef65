"""The township's history is append-only, on SQLite and on PostgreSQL, enforced by triggers.

The one list is kiosk.township.history.HISTORY_TABLES: every table of a fresh township
database must be placed, the history tables are exactly those whose triggers refuse every
UPDATE and DELETE, and a change or removal of a row of each is refused with the trigger's
own words (not by a constraint that happens to object)."""

from __future__ import annotations

import re
import sqlite3

import pytest

from kiosk.township.history import HISTORY_TABLES, WORKING_TABLES
from kiosk.township.store import Store

HISTORY = sorted(HISTORY_TABLES)
AT = "2026-11-03T10:00:00Z"
ROWS = (
    "INSERT INTO village (id, name, currency, created_at) VALUES ('v-1', '青石村', '美德积分', ?)",
    "INSERT INTO village (id, name, currency, created_at) VALUES ('v-2', '桃源村', '积分', ?)",
    "INSERT INTO terminal (id, village_id, name, secret, enrolled_at) VALUES ('t-1', 'v-1', '收银台', 's', ?)",
    "INSERT INTO record (commit_no, id, terminal_id, seq, type, body, sha256, village_id, received_at)"
    " VALUES (1, 'r-1', 't-1', 1, 'entry', '{}', 'x', 'v-1', ?)",
    "INSERT INTO cross_redeem (id, terminal_id, village_id, home_village_id, card, account_id, amount,"
    " home_amount, rate, summary, answer, created_at) VALUES ('x-1', 't-1', 'v-1', 'v-2', 'TY000001', 'a-1',"
    " 500, 500, '1', '大米', '{}', ?)",
    "INSERT INTO cross_refused (id, terminal_id, village_id, home_village_id, card, amount, status, code, params, at)"
    " VALUES ('x-2', 't-1', 'v-1', 'v-2', 'TY000002', 500, 409, 'cross_short', '{}', ?)",
    "INSERT INTO card_lookup (terminal_id, village_id, home_village_id, card, outcome, at)"
    " VALUES ('t-1', 'v-1', 'v-2', 'TY000001', 'found', length(?))",
    "INSERT INTO chain_anchor (terminal_id, position, link, at) VALUES ('t-1', 1, 'abc', ?)",
    "INSERT INTO terminal_retired (terminal_id, retired_at, retired_by, reason) VALUES ('t-1', ?, '张', '丢了')",
    "INSERT INTO console_audit (at, user_name, action, detail) VALUES (?, '张', 'login', '')",
    "INSERT INTO record_chain (terminal_id, seq, record_id, link) VALUES ('t-1', 1, 'r-1', length(?))",
    "INSERT INTO restore_grant (terminal_id, seq, link, granted_by, granted_at, note)"
    " VALUES ('t-1', 1, 'abc', '张', ?, '核对过')",
)


@pytest.fixture
def township(db_path):
    """A township database (the `backend` parameter) with a row in every history table."""
    store = Store(db_path)
    for sql in ROWS:
        store.db.execute(sql, (AT,))
    yield store
    store.close()


def tables(store) -> set[str]:
    return store.db.tables() - {"sqlite_sequence"}


def refusing_every_change(store) -> set[str]:
    """The tables with triggers that refuse every UPDATE and every DELETE, read from the schema."""
    if store.dialect == "sqlite":
        found: dict[str, set[str]] = {}
        for (sql,) in store.db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'").fetchall():
            if match := re.fullmatch(r"CREATE TRIGGER (?:IF NOT EXISTS )?\w+ BEFORE (UPDATE|DELETE) ON (\w+)"
                                     r" BEGIN SELECT RAISE\(ABORT, '[^']*'\); END", " ".join(sql.split())):
                found.setdefault(match.group(2), set()).add(match.group(1))
        return {t for t, ops in found.items() if ops == {"UPDATE", "DELETE"}}
    rows = store.db.execute(   # tgtype bits: 1 row, 2 before, 8 delete, 16 update; no WHEN (tgqual)
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid"
        " WHERE p.proname = 'history_is_kept' AND t.tgtype & 27 = 27 AND t.tgqual IS NULL").fetchall()
    return {r[0] for r in rows}


def refusal(store, sql: str) -> str:
    """The words the database refuses `sql` with (it must refuse it)."""
    if store.dialect == "sqlite":
        with pytest.raises(sqlite3.IntegrityError) as refused:
            store.db.execute(sql)
        return str(refused.value)
    import psycopg
    with pytest.raises(psycopg.errors.IntegrityError) as refused:
        store.db.execute(sql)
    return refused.value.diag.message_primary


def fingerprint(store) -> list:
    return [(t, sorted(repr(tuple(row)) for row in store.db.execute(f"SELECT * FROM {t}").fetchall()))
            for t in HISTORY]


def test_every_table_is_placed_in_one_group(township):
    assert not HISTORY_TABLES & WORKING_TABLES
    assert tables(township) - HISTORY_TABLES - WORKING_TABLES == set(), "place it in kiosk/township/history.py"
    assert HISTORY_TABLES <= tables(township)


def test_the_history_tables_are_those_whose_triggers_refuse_every_change(township):
    assert refusing_every_change(township) == HISTORY_TABLES


def test_every_history_table_has_rows_to_protect(township):
    for table in HISTORY:
        assert township.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] > 0, table


@pytest.mark.parametrize("table", HISTORY)
def test_update_and_delete_are_refused_by_the_trigger(township, table):
    before = fingerprint(township)
    column = "terminal_id" if table != "console_audit" else "user_name"
    assert refusal(township, f"UPDATE {table} SET {column} = {column}") == f"{table} is append-only"
    assert refusal(township, f"DELETE FROM {table}") == f"{table} is append-only"
    assert fingerprint(township) == before


@pytest.mark.parametrize("backend", ["postgresql"])   # SQLite has no TRUNCATE
@pytest.mark.parametrize("table", HISTORY)
def test_truncate_is_refused_on_postgresql(township, table):
    before = fingerprint(township)
    assert refusal(township, f"TRUNCATE {table} CASCADE") == f"{table} is append-only"
    assert fingerprint(township) == before


def test_opening_again_keeps_one_set_of_triggers(township, db_path):
    Store(db_path).close()
    assert refusing_every_change(township) == HISTORY_TABLES
