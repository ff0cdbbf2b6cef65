"""kiosk.township.db: the few differences between SQLite and PostgreSQL, in one place."""

from __future__ import annotations

import pytest

from kiosk.township import db
from kiosk.township.store import schema_files


@pytest.mark.parametrize("sqlite, postgres", [
    ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
    ("SELECT '?' || ? FROM t WHERE name LIKE '50%'", "SELECT '?' || %s FROM t WHERE name LIKE '50%%'"),
    ("INSERT OR IGNORE INTO s (a, b) VALUES (?, ?)", "INSERT INTO s (a, b) VALUES (%s, %s) ON CONFLICT DO NOTHING"),
    ("insert or ignore into s (a) select a from t", "INSERT INTO s (a) select a from t ON CONFLICT DO NOTHING"),
    ("SELECT 'it''s ?' FROM t", "SELECT 'it''s ?' FROM t"),
])
def test_statements_are_translated_for_postgresql(sqlite, postgres):
    assert db.to_postgres(sqlite) == postgres


def test_a_row_reads_by_name_and_index_and_becomes_a_dict():
    row = db.Row((1, "青石村"), ("id", "name"))
    assert row[0] == row["id"] == 1 and row["name"] == "青石村" and dict(row) == {"id": 1, "name": "青石村"}
    assert tuple(row) == (1, "青石村") and dict([db.Row(("a", "b"), ("k", "v"))]) == {"a": "b"}
    with pytest.raises(IndexError):
        row["nope"]


def test_rows_of_one_column_list_share_a_class_and_a_repeated_name_reads_the_first():
    first, second = db.Row((1, "甲", 2), ("id", "name", "id")), db.rows_of(("id", "name", "id"))((3, "乙", 4))
    assert type(first) is type(second) and isinstance(second, db.Row)
    assert first["id"] == 1 and second["id"] == 3 and second["name"] == "乙" and second[2] == 4
    assert dict(second) == {"id": 3, "name": "乙"} and second.keys() == ["id", "name", "id"]


def test_each_dialect_loads_its_own_schema_files_main_first():
    assert schema_files("sqlite")[0] == "schema.sql" and "cross.sql" in schema_files("sqlite")
    assert all(not name.endswith("_pg.sql") for name in schema_files("sqlite"))
    assert schema_files("postgresql")[0] == "schema_pg.sql"
    assert all(name.endswith("_pg.sql") for name in schema_files("postgresql"))


def test_urls_say_which_database_and_never_show_the_password():
    assert db.is_postgres("postgresql://kiosk@host/township") and db.is_postgres("postgres://h/d")
    assert not db.is_postgres("/srv/township.sqlite3")
    assert db._safe("postgresql://kiosk:s3cret@host/township") == "postgresql://kiosk:***@host/township"


def test_batches_go_in_as_one_statement_on_postgresql(pg_cluster):
    url = pg_cluster.fresh(schema=False)
    conn = db.PgDb(url)
    try:
        conn.executescript("CREATE TABLE t (k TEXT PRIMARY KEY, n BIGINT, x DOUBLE PRECISION, note TEXT)")
        conn.executemany("INSERT INTO t (k, n, x, note) VALUES (?, ?, ?, ?)",
                         [("a", 1, 0.5, None), ("b", 2, 1.5, "二")])
        conn.executemany("INSERT OR IGNORE INTO t (k, n, x, note) VALUES (?, ?, ?, ?)",
                         [("a", 9, 9.0, "dup"), ("c", 3, 2.5, None)])
        conn.executemany("INSERT INTO t (k, n, x, note) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (k) DO UPDATE SET n = t.n + excluded.n", [("b", 10, 0.0, None)])
        assert [tuple(r) for r in conn.execute("SELECT k, n, x, note FROM t ORDER BY k").fetchall()] == [
            ("a", 1, 0.5, None), ("b", 12, 1.5, "二"), ("c", 3, 2.5, None)]
    finally:
        conn.close()
        pg_cluster.drop(url)
