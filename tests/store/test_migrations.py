"""Migrations: new databases get the latest schema; newer or foreign files are refused."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3

import pytest

from kiosk.core.errors import Refused
from kiosk.paths import migrations_dir
from kiosk.store import migrations
from kiosk.store.db import APPLICATION_ID, connect
from kiosk.store.migrations import available, current_version, migrate, open_database

LATEST = available()[-1].version
EXTRA = "CREATE TABLE test_extra (id INTEGER PRIMARY KEY, note TEXT NOT NULL) STRICT;\n"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


@pytest.fixture
def earlier_folder(tmp_path):
    """A migrations folder holding only the shipped list (the 'older program')."""
    folder = tmp_path / "migrations_v1"
    folder.mkdir()
    for m in available():
        shutil.copy(m.path, folder / m.path.name)
    return folder


@pytest.fixture
def later_folder(earlier_folder, tmp_path):
    """The shipped list plus one later test migration (the 'newer program')."""
    folder = tmp_path / "migrations_v2"
    shutil.copytree(earlier_folder, folder)
    (folder / f"{LATEST + 1:04d}_test_extra.sql").write_text(EXTRA, encoding="utf-8")
    return folder


def test_the_shipped_migrations_are_numbered_from_one_without_gaps():
    versions = [m.version for m in available(migrations_dir())]
    assert versions == list(range(1, len(versions) + 1))


def test_fresh_database_records_the_latest_version_and_application_id(db_path):
    db = open_database(db_path, create=True)
    try:
        assert db.scalar("SELECT MAX(version) FROM schema_migrations") == LATEST
        assert db.scalar("SELECT COUNT(*) FROM schema_migrations") == LATEST
        assert db.scalar("PRAGMA application_id") == APPLICATION_ID
    finally:
        db.close()


def test_reopening_a_current_database_changes_nothing_and_makes_no_backup(db_path):
    open_database(db_path, create=True).close()
    before, files = digest(db_path), siblings(db_path)
    open_database(db_path).close()
    assert digest(db_path) == before
    assert siblings(db_path) == files


def test_missing_file_without_create_is_refused_and_not_created(tmp_path):
    path = tmp_path / "nowhere" / "kiosk.sqlite"
    with pytest.raises(Refused) as refused:
        open_database(path)
    assert refused.value.code == "db_missing"
    assert refused.value.params["path"] == str(path)
    assert not path.exists()


def test_database_from_a_newer_program_is_refused_and_left_untouched(db_path):
    open_database(db_path, create=True).close()
    conn = raw(db_path)
    conn.execute("INSERT INTO schema_migrations VALUES (?, 'from_the_future', '2030-01-01')",
                 (LATEST + 5,))
    conn.close()
    before, files = digest(db_path), siblings(db_path)
    with pytest.raises(Refused) as refused:
        open_database(db_path)
    assert refused.value.code == "db_newer"
    assert refused.value.params == {"found": LATEST + 5, "supported": LATEST}
    assert digest(db_path) == before
    assert siblings(db_path) == files


def test_older_database_is_backed_up_then_migrated(db_path, earlier_folder, later_folder,
                                                   monkeypatch):
    conn = connect(db_path)
    assert migrate(conn, db_path, earlier_folder) == LATEST
    conn.execute("INSERT INTO setting (key, value) VALUES ('kept', 'yes')")
    conn.close()

    monkeypatch.setattr(migrations, "migrations_dir", lambda: later_folder)
    db = open_database(db_path)
    try:
        assert db.scalar("SELECT MAX(version) FROM schema_migrations") == LATEST + 1
        assert db.scalar("SELECT value FROM setting WHERE key = 'kept'") == "yes"
        db.execute("INSERT INTO test_extra (note) VALUES ('new table works')")
    finally:
        db.close()

    backups = list(db_path.parent.glob(f"{db_path.stem}.before-v*.sqlite"))
    assert len(backups) == 1
    assert f"before-v{LATEST + 1}" in backups[0].name
    old = raw(backups[0])
    assert current_version(old) == LATEST
    assert old.execute("SELECT value FROM setting WHERE key = 'kept'").fetchone() == ("yes",)
    assert not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'test_extra'").fetchone()
    old.close()


def test_a_failing_migration_leaves_the_database_at_its_old_version(db_path, earlier_folder,
                                                                    tmp_path):
    conn = connect(db_path)
    migrate(conn, db_path, earlier_folder)
    broken = tmp_path / "broken"
    shutil.copytree(earlier_folder, broken)
    (broken / f"{LATEST + 1:04d}_half_done.sql").write_text(
        EXTRA + "INSERT INTO no_such_table VALUES (1);\n", encoding="utf-8")
    with pytest.raises(sqlite3.Error):
        migrate(conn, db_path, broken)
    assert current_version(conn) == LATEST
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'test_extra'").fetchone()
    assert not conn.in_transaction
    conn.close()


@pytest.mark.parametrize("kind", ["random_bytes", "text", "other_sqlite_app"])
def test_files_that_are_not_kiosk_databases_are_refused_and_left_as_they_were(tmp_path, kind):
    path = tmp_path / f"{kind}.sqlite"
    if kind == "random_bytes":
        path.write_bytes(random.Random(7).randbytes(8192))
    elif kind == "text":
        path.write_text("门牌号,户主,积分\n3组12号,王小明,12.5\n", encoding="utf-8")
    else:
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        other.execute("INSERT INTO notes (body) VALUES ('someone else''s data')")
        other.commit()
        other.close()
    before, files = digest(path), siblings(path)
    with pytest.raises(Refused) as refused:
        open_database(path)
    assert refused.value.code == "db_not_kiosk"
    assert refused.value.params["path"] == str(path)
    assert digest(path) == before, "the refused file was modified"
    assert siblings(path) == files


def test_an_empty_file_is_taken_as_a_new_database(db_path):
    db_path.write_bytes(b"")
    db = open_database(db_path)
    try:
        assert db.scalar("SELECT MAX(version) FROM schema_migrations") == LATEST
    finally:
        db.close()


def test_a_number_skipped_by_a_development_build_is_still_applied(db_path, earlier_folder, tmp_path,
                                                                  monkeypatch):
    """A database that got a later migration before an earlier one existed gets the earlier one too."""
    skipping = tmp_path / "migrations_skip"
    shutil.copytree(earlier_folder, skipping)
    (skipping / f"{LATEST + 2:04d}_test_later.sql").write_text(
        "CREATE TABLE test_later (id INTEGER PRIMARY KEY) STRICT;\n", encoding="utf-8")
    conn = connect(db_path)
    migrate(conn, db_path, skipping)                        # LATEST + 2 applied, LATEST + 1 unknown yet
    conn.close()
    full = tmp_path / "migrations_full"
    shutil.copytree(skipping, full)
    (full / f"{LATEST + 1:04d}_test_extra.sql").write_text(EXTRA, encoding="utf-8")
    monkeypatch.setattr(migrations, "migrations_dir", lambda: full)
    db = open_database(db_path)
    try:
        assert {LATEST + 1, LATEST + 2} <= {r[0] for r in db.all("SELECT version FROM schema_migrations")}
        db.execute("INSERT INTO test_extra (note) VALUES ('the skipped one is there')")
    finally:
        db.close()
