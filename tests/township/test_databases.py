"""`--db` on SQLite and PostgreSQL: migrate, what is refused before anything is written, export-to, 503."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.township import cli
from kiosk.township.store import SCHEMA_VERSION, Store
from tests.township.conftest import ONLY_SQLITE, every_row


def _foreign(db_path) -> None:
    """Another program's database: a table the township does not know, no township marker."""
    if isinstance(db_path, str):
        import psycopg
        with psycopg.connect(db_path, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
                         " CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        return
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()


def _tables(db_path) -> set[str]:
    if isinstance(db_path, str):
        import psycopg
        with psycopg.connect(db_path) as conn:
            return {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    with sqlite3.connect(db_path) as conn:
        found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    return found


def test_migrate_makes_a_township_and_says_its_version(db_path, capsys):
    assert cli.main(["--db", str(db_path), "--json", "migrate"]) == 0
    assert f'"schema_version": {SCHEMA_VERSION}' in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "migrate"]) == 0          # again: nothing to do, no harm


def test_another_programs_database_is_refused_and_left_alone(backend, db_path, capsys):
    _foreign(db_path)
    before = _tables(db_path)
    for argv in (["migrate"], ["village", "add", "青石村"], ["serve"]):
        assert cli.main(["--db", str(db_path), *argv]) == 1
        assert "不是乡镇服务器的数据库" in capsys.readouterr().err
    assert _tables(db_path) == before == {"customers"}


def test_a_file_that_is_no_database_is_refused_unchanged(tmp_path, capsys):
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0 not a database at all" * 50)
    before = junk.read_bytes()
    assert cli.main(["--db", str(junk), "village", "add", "青石村"]) == 1
    assert "不是乡镇服务器的数据库" in capsys.readouterr().err
    assert junk.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["photo.jpg"]


def test_a_schema_newer_than_the_server_is_refused_and_nothing_written(admin, db_path, capsys):
    with admin.write() as conn:
        conn.execute("UPDATE township_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    before = every_row(admin)
    assert cli.main(["--db", str(db_path), "village", "add", "新村"]) == 1
    err = capsys.readouterr().err
    assert f"第 {SCHEMA_VERSION + 1} 版" in err and "请先升级乡镇服务器程序" in err
    assert every_row(admin) == before


@pytest.mark.parametrize("url, words", [
    ("postgresql://kiosk@127.0.0.1:1/township", "连不上乡镇数据库"),              # nothing listens there
    ("postgresql://kiosk:secret@no-such-host.invalid/township", "连不上乡镇数据库"),
    ("postgresql://a b@host/township", "写得不对"),
])
def test_a_wrong_or_unreachable_database_url_says_so_and_exits_1(url, words, capsys):
    assert cli.main(["--db", url, "village", "list"]) == 1
    err = capsys.readouterr().err
    assert words in err and "secret" not in err          # the password is never shown


def _township_with_history(enrol, admin) -> None:
    a, b = enrol(), enrol("桃源村", "收银台2")
    assert a.push(a.entries(30, "acct-a", 250)).status_code == 200
    assert b.push(b.entries(20, "acct-b", -10)).status_code == 200
    with admin.write() as conn:
        admin.publish(conn, "rule", {"name": "扫地", "points": 5}, None)


@ONLY_SQLITE
def test_export_to_postgresql_moves_every_record_hash_and_balance(enrol, admin, db_path, pg_cluster, capsys):
    _township_with_history(enrol, admin)
    target = pg_cluster.fresh(schema=False)
    try:
        assert cli.main(["--db", str(db_path), "--json", "export-to", target]) == 0, capsys.readouterr().err
        assert '"records": 51' in capsys.readouterr().out
        moved = Store(target)
        try:
            records = "SELECT commit_no, id, terminal_id, seq, type, body, sha256, village_id FROM record ORDER BY commit_no"
            for sql in (records, "SELECT * FROM account_balance ORDER BY village_id, account_id",
                        "SELECT * FROM terminal ORDER BY id", "SELECT * FROM village ORDER BY id"):
                assert list(map(tuple, moved.all(sql))) == list(map(tuple, admin.all(sql)))
            with moved.write() as conn:          # the next record follows on, gap-free
                moved.publish(conn, "rule", {"name": "修路", "points": 8}, None)
            assert moved.one("SELECT MAX(commit_no) FROM record")[0] == 52
        finally:
            moved.close()
        assert cli.main(["--db", str(db_path), "export-to", target]) == 1      # not into a township again
        assert "已经有记录了" in capsys.readouterr().err
    finally:
        pg_cluster.drop(target)


def test_a_database_gone_mid_request_answers_503_with_retry_after(enrol, client, backend, pg_cluster):
    if backend == "sqlite":
        pytest.skip("a SQLite file does not go away under a running server")
    till = enrol()
    assert till.push(till.entries(2)).status_code == 200
    import psycopg
    with psycopg.connect(pg_cluster.admin_url, autocommit=True) as conn:   # the database server drops us
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     " WHERE datname = %s AND pid != pg_backend_pid()", (client.app.state.store.target.rsplit("/", 1)[1],))
    answer = till.push(till.entries(3))
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "30"
    assert answer.json()["error"] == "db_unavailable"
    till.seq -= 3                       # the counter keeps its outbox and sends the same records again
    again = till.push([till.entry("acct-1", 100) for _ in range(3)])
    assert again.status_code == 200 and again.json()["high_water"] == 5
