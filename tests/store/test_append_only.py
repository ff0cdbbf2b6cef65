"""Invariant 2: history is append-only, enforced in SQLite itself by triggers.

The one list of history tables is kiosk.store.history.HISTORY_TABLES. The first tests hold it
against a freshly migrated database: every table must be placed in one group, and the history
tables are exactly those whose triggers refuse every UPDATE and every DELETE. The others then
change and delete a row of every history table and want the trigger's own message, so a CHECK
constraint or a foreign key that happens to refuse the change does not pass for the trigger.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from kiosk.store.history import GUARDED_TABLES, HISTORY_TABLES, WORKING_TABLES
from kiosk.store.migrations import open_database
from tests.conftest import fingerprint
from tests.store.history_rows import fill_every_history_table

HISTORY = sorted(HISTORY_TABLES)
# a trigger that refuses every UPDATE or DELETE of a table: no WHEN, no column list
REFUSAL = re.compile(r"CREATE TRIGGER \w+ BEFORE (UPDATE|DELETE) ON (\w+) BEGIN SELECT RAISE\(ABORT, "
                     r"'((?:[^']|'')*)'\); END")
ANY_RAISE = re.compile(r"CREATE TRIGGER \w+ .*? ON (\w+) .*RAISE\(", re.DOTALL)


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> tuple[set[str], list[str]]:
    """The tables and trigger texts of a freshly migrated counter database."""
    db = open_database(tmp_path_factory.mktemp("fresh") / "fresh.sqlite", create=True)
    try:
        tables = {r[0] for r in db.all("SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%'")}
        triggers = [" ".join(r[0].split()) for r in db.all("SELECT sql FROM sqlite_master WHERE type = 'trigger'")]
    finally:
        db.close()
    return tables, triggers


@pytest.fixture(scope="module")
def refusals(schema) -> dict[tuple[str, str], str]:
    """(table, 'UPDATE' or 'DELETE') → the message of the trigger that refuses all of them."""
    found = {}
    for sql in schema[1]:
        if match := REFUSAL.fullmatch(sql):
            found[(match.group(2), match.group(1))] = match.group(3).replace("''", "'")
    return found


@pytest.fixture
def trading(shop, volunteer):
    """The fixture village with at least one row in every history table."""
    fill_every_history_table(shop, volunteer)
    return shop


def test_every_table_is_placed_in_exactly_one_group(schema):
    groups = [HISTORY_TABLES, set(GUARDED_TABLES), WORKING_TABLES]
    placed = [t for group in groups for t in group]
    assert len(placed) == len(set(placed)), "a table is in two groups of kiosk/store/history.py"
    assert schema[0] - set(placed) == set(), "place the new table in kiosk/store/history.py"
    assert set(placed) - schema[0] == set(), "kiosk/store/history.py names a table the schema lacks"


def test_the_history_tables_are_those_whose_triggers_refuse_every_update_and_delete(schema, refusals):
    refusing_both = {t for t in schema[0] if (t, "UPDATE") in refusals and (t, "DELETE") in refusals}
    assert refusing_both == HISTORY_TABLES


def test_every_guarded_table_has_a_trigger_that_refuses_some_change(schema):
    with_a_refusal = {m.group(1) for sql in schema[1] if (m := ANY_RAISE.match(sql))}
    assert set(GUARDED_TABLES) <= with_a_refusal


def test_every_history_table_has_rows_to_protect(trading):
    for table in HISTORY:
        assert trading.db.scalar(f"SELECT COUNT(*) FROM {table}") > 0, table


def first_column(db, table: str) -> str:
    return db.all(f"PRAGMA table_info({table})")[0]["name"]


@pytest.mark.parametrize("table", HISTORY)
def test_every_way_to_change_a_row_is_refused_by_the_trigger(trading, refusals, schema, table):
    db = trading.db
    before, column = fingerprint(db), first_column(db, table)
    last_row = f" WHERE rowid = (SELECT MAX(rowid) FROM {table})"
    # an UPDATE that sets the row to what it already holds: no constraint can object, only the trigger
    for where in ("", last_row):
        update, delete = f"UPDATE {table} SET {column} = {column}{where}", f"DELETE FROM {table}{where}"
        assert refusal(db.execute, update) == refusals[(table, "UPDATE")], update
        assert refusal(db.execute, delete) == refusals[(table, "DELETE")], delete
    assert refusal(_delete_inside_a_write, db, table) == refusals[(table, "DELETE")], "a DELETE inside a write"
    # REPLACE deletes the old row without firing delete triggers unless recursive_triggers
    # is on: a way round the append-only triggers.
    replaced = refusal(db.execute, f"INSERT OR REPLACE INTO {table}"
                                   f" SELECT * FROM {table} WHERE rowid = (SELECT MIN(rowid) FROM {table})")
    assert replaced in messages_of(schema, table), "INSERT OR REPLACE"
    assert fingerprint(db) == before      # and the refused write took its other change back with it


def refusal(change, *args) -> str:
    """The words SQLite refuses `change(*args)` with (it must refuse it)."""
    with pytest.raises(sqlite3.IntegrityError) as refused:
        change(*args)
    return str(refused.value)


def _delete_inside_a_write(db, table: str) -> None:
    with db.write() as conn:
        conn.execute("INSERT INTO setting (key, value) VALUES ('sneaky', '1')")
        conn.execute(f"DELETE FROM {table}")


def messages_of(schema, table: str) -> set[str]:
    """What any RAISE in a trigger on `table` says."""
    return {m.group(1).replace("''", "'") for sql in schema[1] if f" ON {table} " in sql
            for m in re.finditer(r"RAISE\(ABORT, '((?:[^']|'')*)'\)", sql)}
