"""`kiosk restore` heals books that cannot be opened; `kiosk check` says they are damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.damaged_files import flip_bytes, fold_wal, zero_page_2

DAMAGES = {"flipped bytes": flip_bytes, "page 2 zeroed": zero_page_2}


@pytest.fixture
def saved(kiosk, village, tmp_path) -> Path:
    target = tmp_path / "saved.sqlite"
    assert kiosk("backup", str(target), *village).code == 0
    assert kiosk("award", "JF000001", "hjqs", *village).code == 0        # something after the backup
    return target


def _live(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite"


def _damaged(tmp_path: Path, damage) -> bytes:
    live = _live(tmp_path)
    fold_wal(live)
    return damage(live)


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_check_says_a_damaged_file_is_damaged_and_restore_is_the_cure(kiosk, saved, tmp_path, damage):
    _damaged(tmp_path, damage)
    result = kiosk("check")
    assert result.code == 1
    assert "损坏" in result.err and "kiosk restore" in result.err
    assert "Traceback" not in result.err + result.out
    assert kiosk("--json", "check").json()["error"] == "db_damaged"


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_restore_sets_a_damaged_file_aside_and_puts_the_backup_in_place(kiosk, village, saved, tmp_path, damage):
    bad = _damaged(tmp_path, damage)
    done = kiosk("--json", "restore", str(saved), "--yes", *village)
    assert done.code == 0, done.err
    kept = Path(done.json()["damaged_copy"])
    assert kept.parent == tmp_path and ".damaged-" in kept.name
    assert kept.read_bytes() == bad                                 # set aside, never deleted or changed
    assert kiosk("check").code == 0
    assert kiosk("balance", "王小明").code == 0


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_restore_over_a_damaged_file_needs_a_manager_of_the_backup_and_the_pin(kiosk, village, saved, tmp_path,
                                                                               damage):
    bad = _damaged(tmp_path, damage)
    for args, code in [((), "restore_needs_manager"),
                       (("--operator", "刘建军", "--pin", "1111"), "restore_pin_wrong"),
                       (("--operator", "不认识", "--pin", "2580"), "operator_unknown"),
                       (("--operator", "刘建军"), "pin_missing")]:
        refused = kiosk("--json", "restore", str(saved), "--yes", *args)
        assert (refused.code, refused.json()["error"]) == (1, code)
        assert _live(tmp_path).read_bytes() == bad                  # nothing moved, nothing written
        assert not list(tmp_path.glob("*.damaged-*"))


def test_restore_with_no_file_at_all_still_needs_a_manager_of_the_backup(kiosk, village, saved, tmp_path):
    m = ("--operator", "刘建军", "--pin", "2580")
    assert kiosk("operator", "add", "张晓燕", "--role", "volunteer", "--new-pin", "4826", *m).code == 0
    fold_wal(_live(tmp_path))
    again = tmp_path / "saved-with-volunteer.sqlite"
    assert kiosk("backup", str(again), *m).code == 0
    _live(tmp_path).unlink()
    for args, code in [((), "restore_needs_manager"),
                       (("--operator", "刘建军", "--pin", "1111"), "restore_pin_wrong"),
                       (("--operator", "张晓燕", "--pin", "4826"), "restore_not_allowed")]:
        refused = kiosk("--json", "restore", str(again), "--yes", *args)
        assert (refused.code, refused.json()["error"]) == (1, code)
        assert not _live(tmp_path).exists()
    assert kiosk("restore", str(again), "--yes", *m).code == 0
    assert kiosk("check").code == 0


def test_restore_never_moves_another_programs_database(kiosk, village, saved, tmp_path):
    import sqlite3

    other = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    refused = kiosk("--json", "--db", str(other), "restore", str(saved), "--yes", *village)
    assert (refused.code, refused.json()["error"]) == (1, "restore_other_program")
    assert other.read_bytes() == before and not list(tmp_path.glob("notes.damaged-*"))
