"""Backups and restores: whole copies or nothing, checked before trusted."""

from __future__ import annotations

import errno
import os
import random
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.core.errors import Refused
from kiosk.services.setup import backup as service
from kiosk.services.setup import create as setup
from kiosk.services.context import SELFSERVICE
from kiosk.store.migrations import open_database
from tests.conftest import MANAGER_PIN, fingerprint, give


# A restore takes a new terminal identity and audits itself (an audit row, chained): the books are otherwise equal.
IDENTITY = ("terminal", "meta", "audit", "chain")  # the chain holds the restore's audit row


def _fp(path: Path, skip: tuple[str, ...] = ()) -> str:
    db = open_database(path)
    try:
        return fingerprint(db, skip)
    finally:
        db.close()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if "before-restore" in p.name or p.name.endswith(".tmp"))


@pytest.fixture
def usb(tmp_path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def saved(shop, usb) -> Path:
    """A backup of 青石村 with 3 awards to 王小明, taken by the manager."""
    give(shop, "JF000001", 3)
    return service.backup(shop, usb / "qingshi.sqlite").path


def test_backup_describes_the_copy(shop, usb):
    give(shop, "JF000001", 2)
    info = service.backup(shop, usb)
    assert info.path.parent == usb and info.path.name.startswith("kiosk-青石村-20261103-")
    assert (info.village, info.village_id) == ("青石村", shop.village.id)
    assert info.entries == 2 and info.last_entry_at.startswith("2026-11-03")
    assert info.ok and info.size == info.path.stat().st_size
    assert [p.name for p in usb.iterdir()] == [info.path.name]  # no temp file beside it


def test_round_trip_keeps_every_row(shop, db_path, usb):
    give(shop, "JF000001", 3)
    before = fingerprint(shop.db, IDENTITY)
    copy = service.backup(shop, usb / "b.sqlite").path
    give(shop, "JF000004", 2)  # made after the backup: the restore takes it away
    assert fingerprint(shop.db, IDENTITY) != before
    shop.db.close()
    result = service.restore(db_path, copy)
    assert result.problems == []
    assert _fp(db_path, IDENTITY) == before
    assert result.info.entries == 3


def test_replaced_copy_is_kept_and_opens(shop, db_path, saved):
    give(shop, "JF000004", 2)
    live_before = fingerprint(shop.db)
    shop.db.close()
    result = service.restore(db_path, saved)
    assert result.replaced_copy.exists()
    assert result.replaced_copy.name.startswith("village.before-restore-")
    assert _fp(result.replaced_copy) == live_before


def _truncated(saved: Path, tmp: Path) -> Path:
    data = saved.read_bytes()
    out = tmp / "half.sqlite"
    out.write_bytes(data[: len(data) // 2])
    return out


def _random_bytes(saved: Path, tmp: Path) -> Path:
    out = tmp / "noise.sqlite"
    out.write_bytes(random.Random(7).randbytes(64 * 1024))
    return out


def _text(saved: Path, tmp: Path) -> Path:
    out = tmp / "notes.sqlite"
    out.write_text("村民名单\n王小明 3组12号\n" * 200, encoding="utf-8")
    return out


def _other_program(saved: Path, tmp: Path) -> Path:
    out = tmp / "other.sqlite"
    conn = sqlite3.connect(out)
    conn.execute("CREATE TABLE village (id TEXT, name TEXT)")
    conn.execute("INSERT INTO village VALUES ('x', '青石村')")
    conn.commit()
    conn.close()
    return out


def _newer_schema(saved: Path, tmp: Path) -> Path:
    out = tmp / "newer.sqlite"
    shutil.copyfile(saved, out)
    conn = sqlite3.connect(out)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    return out


def _another_village(saved: Path, tmp: Path) -> Path:
    db = setup.create_database(tmp / "other-village.sqlite")
    ctx = setup.init_village(db, village="白沙村", manager="陈", pin=MANAGER_PIN)
    out = service.backup(ctx, tmp / "baisha.sqlite").path
    db.close()
    return out


def _empty_file(saved: Path, tmp: Path) -> Path:
    out = tmp / "empty.sqlite"
    out.write_bytes(b"")
    return out


@pytest.mark.parametrize("make, code", [
    (_truncated, "backup_truncated"),
    (_random_bytes, "backup_not_sqlite"),
    (_text, "backup_not_sqlite"),
    (_empty_file, "backup_not_sqlite"),
    (_other_program, "backup_not_kiosk"),
    (_newer_schema, "db_newer"),
    (_another_village, "restore_other_village"),
])
def test_restore_refuses_bad_files(shop, db_path, saved, tmp_path, make, code):
    bad = make(saved, tmp_path)
    before = fingerprint(shop.db)
    shop.db.close()
    with pytest.raises(Refused) as refused:
        service.restore(db_path, bad)
    assert refused.value.code == code
    assert refused.value.message()  # a sentence, not a traceback
    assert _fp(db_path) == before
    assert _leftovers(db_path.parent) == []


def test_restore_refuses_a_missing_file(shop, db_path, tmp_path):
    shop.db.close()
    with pytest.raises(Refused) as refused:
        service.restore(db_path, tmp_path / "nowhere.sqlite")
    assert refused.value.code == "backup_missing"


def test_a_corrupt_page_is_refused(shop, db_path, saved, tmp_path):
    bad = tmp_path / "corrupt.sqlite"
    data = bytearray(saved.read_bytes())
    page = 4096
    for i in range(page * 3, len(data) - page, page * 5):  # scribble over some pages, keep the size
        data[i + 8: i + 400] = random.Random(i).randbytes(392)
    bad.write_bytes(bytes(data))
    before = fingerprint(shop.db)
    shop.db.close()
    with pytest.raises(Refused) as refused:
        service.restore(db_path, bad)
    assert refused.value.code == "backup_corrupt"
    assert _fp(db_path) == before and _leftovers(db_path.parent) == []


def test_another_village_only_when_asked(shop, db_path, saved, tmp_path):
    other = _another_village(saved, tmp_path)
    shop.db.close()
    result = service.restore(db_path, other, allow_other_village=True)
    assert result.info.village == "白沙村"
    db = open_database(db_path)
    assert db.scalar("SELECT name FROM village") == "白沙村"
    db.close()


def test_restore_refuses_while_the_database_is_open(shop, db_path, saved):
    give(shop, "JF000004")
    before = fingerprint(shop.db)
    with pytest.raises(Refused) as refused:  # shop.db is still open: another program
        service.restore(db_path, saved)
    assert refused.value.code == "db_locked"
    assert fingerprint(shop.db) == before
    assert _leftovers(db_path.parent) == []


def test_restore_onto_a_new_pc(saved, tmp_path):
    fresh = tmp_path / "newpc" / "kiosk.sqlite"
    result = service.restore(fresh, saved)
    assert result.replaced_copy is None and result.problems == []
    assert _fp(fresh, IDENTITY) == _fp(saved, IDENTITY)


def _opened(path: Path):
    from kiosk.services.context import Context

    return Context(open_database(path), SELFSERVICE)


def test_a_backup_is_in_the_audit_trail(shop, usb):
    info = service.backup(shop, usb)
    row = shop.db.one("SELECT * FROM audit ORDER BY rowid DESC LIMIT 1")
    assert row["action"] == "backup.write" and row["operator_name"] == "刘建军"
    assert info.path.name in row["after"]


def test_a_restored_pc_writes_on_under_a_new_identity(shop, db_path, saved, usb):
    """The township's high-water mark wins: nothing born after a restore reuses an old number."""
    old_terminal = shop.terminal.id
    old_seq = shop.db.scalar("SELECT MAX(seq) FROM journal WHERE terminal_id = ?", (old_terminal,))
    give(shop, "JF000004", 2)  # pushed by the old identity, lost by the restore
    shop.db.close()
    service.restore(db_path, saved, operator="刘建军")
    ctx = _opened(db_path)
    try:
        assert ctx.terminal.id != old_terminal and ctx.terminal.number == 1
        assert ctx.db.scalar("SELECT value FROM meta WHERE key = 'sync.resume_from_server'") == "1"
        assert ctx.db.scalar("SELECT MAX(seq) FROM journal WHERE terminal_id = ?", (old_terminal,)) == old_seq
        row = ctx.db.one("SELECT * FROM audit ORDER BY rowid DESC LIMIT 1")
        assert (row["action"], row["operator_name"]) == ("backup.restore", "刘建军")
        assert old_terminal in row["before"] and saved.name in row["after"]
    finally:
        ctx.db.close()
    manager = setup.open_shop(db_path)
    try:
        from kiosk.services.people import operators
        from kiosk.services.audit.check import run_check
        from kiosk.services.context import Context

        actor = operators.login(manager, "刘建军", MANAGER_PIN, shop.clock.now())
        give(Context(manager, actor, shop.clock), "JF000001")
        new = manager.all("SELECT terminal_id, seq FROM journal WHERE terminal_id != ?", (old_terminal,))
        assert [r["seq"] for r in new] == [1]        # a fresh sequence under the new id
        assert run_check(manager).problems == []
    finally:
        manager.close()


def test_two_pcs_restored_from_one_backup_never_share_an_identity(saved, tmp_path):
    ids = []
    for pc in ("a", "b"):
        target = tmp_path / pc / "kiosk.sqlite"
        service.restore(target, saved)
        ctx = _opened(target)
        ids.append(ctx.terminal.id)
        ctx.db.close()
    assert ids[0] != ids[1]


def test_full_disk_leaves_no_partial_file(shop, usb, monkeypatch):
    def full(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(Refused) as refused:
        service.backup(shop, usb)
    assert refused.value.code == "backup_no_space"
    assert "满了" in refused.value.message("zh")
    assert list(usb.iterdir()) == []


def test_full_disk_during_restore_keeps_the_live_database(shop, db_path, saved, monkeypatch):
    give(shop, "JF000004")
    before = fingerprint(shop.db)
    shop.db.close()
    real = os.replace

    def full(src, dst):
        if Path(dst) == db_path:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(Refused) as refused:
        service.restore(db_path, saved)
    assert refused.value.code == "backup_no_space"
    monkeypatch.undo()
    assert _fp(db_path) == before and _leftovers(db_path.parent) == []


def test_read_only_target_is_refused(shop, usb):
    usb.chmod(0o500)
    try:
        if os.access(usb, os.W_OK):
            pytest.skip("running as root: chmod does not stop writes")
        with pytest.raises(Refused) as refused:
            service.backup(shop, usb)
        assert refused.value.code == "backup_read_only"
        assert list(usb.iterdir()) == []
    finally:
        usb.chmod(0o700)


def test_write_protected_stick_is_refused(shop, usb, monkeypatch):
    def read_only(*_):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", read_only)
    with pytest.raises(Refused) as refused:
        service.backup(shop, usb / "b.sqlite")
    assert refused.value.code == "backup_read_only"
    assert "写保护" in refused.value.message("zh")
    assert list(usb.iterdir()) == []


def test_missing_target_folder(shop, tmp_path):
    with pytest.raises(Refused) as refused:
        service.backup(shop, tmp_path / "no-stick" / "b.sqlite")
    assert refused.value.code == "backup_folder_missing"


def test_volunteer_may_back_up_selfservice_may_not(shop, volunteer, usb):
    assert service.backup(volunteer, usb / "v.sqlite").village == "青石村"
    with pytest.raises(Refused) as refused:
        service.backup(shop.as_actor(SELFSERVICE), usb / "s.sqlite")
    assert refused.value.code == "backup_not_allowed"
    assert not (usb / "s.sqlite").exists()


def test_auto_backup_keeps_only_its_newest(shop, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    strangers = ["notes.sqlite", "auto-old.sqlite", "auto-20200101-000000-start.sqlite.bak",
                 "kiosk-青石村-20200101-000000.sqlite"]
    for name in strangers:
        (folder / name).write_text("not ours")
    t0 = datetime(2026, 11, 3, 8, 0, 0)
    made = [service.auto_backup(shop.db, folder, 3, "start" if i % 2 == 0 else "close",
                                now=t0 + timedelta(hours=i)) for i in range(6)]
    assert made[0].name == "auto-20261103-080000-start.sqlite"
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted(strangers + [p.name for p in made[3:]])
    assert service.inspect(made[-1]).village == "青石村"


def test_auto_backup_in_the_same_second(shop, db_path):
    now = datetime(2026, 11, 3, 8, 0, 0)
    first = service.auto_backup(shop.db, None, 5, "start", now=now)
    second = service.auto_backup(shop.db, None, 5, "start", now=now)
    assert first.parent == db_path.parent / "backups"
    assert second.name == "auto-20261103-080000-start-2.sqlite"
    assert first.exists() and second.exists()
    with pytest.raises(ValueError):
        service.auto_backup(shop.db, None, 5, "lunch", now=now)
