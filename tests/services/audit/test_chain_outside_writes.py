"""An insider who knows the books appends a forged award the way the program does, triggers
left in place: the entry, its journal row (so the books' chain gets a row for it) and a fixed
balance. The program seals such rows when it next writes, to keep the chain going, but it
never leaves a row of its own unsealed: `kiosk check` names them as written outside it."""

from __future__ import annotations

import shutil

from kiosk.paths import migrations_dir
from kiosk.services.audit.check import run_check
from kiosk.store import chain_outside, migrations
from kiosk.store.db import connect
from kiosk.store.migrations import open_database
from tests.conftest import give
from tests.services.audit.test_chain_tamper import _said, books, problems, refresh_caches, tamper  # noqa: F401

FORGED_AWARD = (
    "INSERT INTO entry (id, account_id, resident_id, kind, hundredths, note, terminal_id, activity_date, at)"
    " SELECT 'forged-journaled', e.account_id, e.resident_id, 'award', 100000, '', e.terminal_id, e.activity_date,"
    " e.at FROM entry e JOIN resident r ON r.id = e.resident_id WHERE r.name = '王小明' AND e.kind = 'award' LIMIT 1",
    "INSERT INTO journal (terminal_id, seq, record_type, record_id)"
    " SELECT terminal_id, MAX(seq) + 1, 'entry', 'forged-journaled' FROM journal GROUP BY terminal_id LIMIT 1")


def _outside(found: list[str]) -> list[str]:
    return [problem for problem in found if "不是本程序写入的" in problem]


def test_a_forged_award_appended_through_the_journal_is_named_with_its_resident(books):
    tamper(books, *FORGED_AWARD)
    refresh_caches(books)
    found = _outside(problems(books))
    assert len(found) == 1, found
    assert _said(found, "条记账不是本程序写入的", "它是", "积分流水（王小明", "请核对"), found


def test_rows_written_beside_a_running_counter_are_named_at_its_next_write(shop, db_path):
    give(shop, "JF000001", 1)
    tamper(db_path, *FORGED_AWARD)
    give(shop, "JF000004", 1)                  # the counter's next sale or award finds them
    refresh_caches(db_path)
    assert len(_outside(run_check(shop.db).problems)) == 1


def test_the_programs_own_writes_are_never_named(shop, db_path):
    give(shop, "JF000001", 2)
    give(shop, "JF000004", 1)
    shop.db.close()
    db = open_database(db_path)
    try:
        assert run_check(db).problems == []
    finally:
        db.close()


def test_the_note_stays_when_the_forged_rows_are_gone_again(books):
    """Taking the forged award out again breaks the chain where it was; the note stays."""
    tamper(books, *FORGED_AWARD)
    problems(books)                            # a check seals and notes them
    tamper(books, "DELETE FROM entry WHERE id = 'forged-journaled'", drop=("entry_no_delete",))
    refresh_caches(books)
    found = problems(books)
    assert len(_outside(found)) == 1
    assert _said(found, "被删除了"), found


def _a_migration_that_chains_rows(tmp_path):
    """The program's migrations and one more that chains a row, as 0016 chained the books it found."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), folder)
    (folder / f"{migrations.available()[-1].version + 1:04d}_chains_a_row.sql").write_text(
        "INSERT INTO chain (record_type, record_id) SELECT 'operator', id FROM operator LIMIT 1;\n",
        encoding="utf-8")
    return folder


def test_a_migrations_chain_rows_are_sealed_with_it_so_a_start_cut_off_after_it_notes_nothing(
        shop, db_path, tmp_path, monkeypatch):
    """Power cut right after the migrations committed: their rows were sealed in the last
    one's transaction, so the next start finds nothing unsealed and notes nothing."""
    shop.db.close()
    folder = _a_migration_that_chains_rows(tmp_path)
    monkeypatch.setattr(migrations, "migrations_dir", lambda: folder)
    conn = connect(db_path)
    migrations.migrate(conn, db_path)               # the start that was cut off after it
    assert chain_outside.unsealed_span(conn) is None
    conn.close()
    db = open_database(db_path)
    try:
        assert run_check(db).problems == []
    finally:
        db.close()


def test_rows_chained_by_hand_are_named(shop, db_path):
    shop.db.close()
    tamper(db_path, "INSERT INTO chain (record_type, record_id) SELECT 'operator', id FROM operator LIMIT 1")
    assert len(_outside(problems(db_path))) == 1


def test_a_mark_in_the_file_saying_the_tail_is_a_migrations_changes_nothing(books):
    """Session 6's program trusted meta's chain_tail_of_migrations: an insider set it too."""
    tamper(books, *FORGED_AWARD, "INSERT INTO meta (key, value) VALUES ('chain_tail_of_migrations', '1')")
    refresh_caches(books)
    assert _said(_outside(problems(books)), "积分流水（王小明"), problems(books)


def test_a_migration_made_to_run_again_does_not_take_a_forged_tail_for_its_own(books):
    """An insider forges rows and deletes a migration's row so that it runs again at the next
    start: the rows unsealed before that start's migrations are noted first."""
    # 0034 runs again as it ran (0035 adds columns, which SQLite cannot add twice: he picks one that runs)
    tamper(books, *FORGED_AWARD, "DELETE FROM schema_migrations WHERE version = 34")
    refresh_caches(books)
    assert _said(_outside(problems(books)), "积分流水（王小明"), problems(books)
