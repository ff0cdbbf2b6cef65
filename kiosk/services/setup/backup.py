"""Backups and restores of the village's database.

- `backup(ctx, target)`: an operator copies the books to a file or a folder (a USB stick).
- `auto_backup(db, folder, keep, reason)`: the program's own copy when it starts and
  closes; only the newest `keep` of its own files are kept.
- `restore(live, source, ...)`: checks the file first, keeps a copy of what it replaces,
  then swaps the file in whole and proves the books.

Restoring and sync: a terminal restored from an older backup holds an older journal
than the township may already have seen. So a restore gives this PC a new local
terminal identity (same village, number and name; kiosk.store.identity.renew): records
born after the restore are numbered from 1 under the new id, two PCs restored from one
backup never share one, and what the backup held that the township may not have is
carried over to be pushed. The flag `sync.resume_from_server` in meta tells the sync
client to finish at its next round (kiosk.sync.rollback): the township gives the PC a
new terminal id and number (so no receipt number repeats), and the PC pulls back the
records its old identity pushed after the backup. Books that cannot be opened any more
are restored by kiosk.services.setup.restore_heal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.services.audit.check import run_check
from kiosk.services.context import SYSTEM, Actor, Context, Role
from kiosk.services.trail import audit_row
from kiosk.store import backup as store
from kiosk.store import books
from kiosk.store.backup import BackupInfo, inspect
from kiosk.store.db import Database, connect
from kiosk.store.migrations import open_database
from kiosk.store.identity import renew

__all__ = ["BackupInfo", "RestoreResult", "SavedCopy", "auto_backup", "backup", "default_folder",
           "inspect", "restore", "saved_copies"]

MAY_BACK_UP = (Role.MANAGER, Role.VOLUNTEER, Role.SYSTEM)
REASONS = ("start", "close")
AUTO_NAME = re.compile(r"^auto-(\d{8})-(\d{6})-(start|close)(?:-(\d+))?\.sqlite$")
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class RestoreResult:
    replaced_copy: Path | None   # None when there was no database to replace
    info: BackupInfo
    problems: list[str] = field(default_factory=list)  # from kiosk check after the restore


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def backup(ctx: Context, target: Path | str, into_folder: bool = False) -> BackupInfo:
    """Copy the books to `target`: a file, or a folder (a name is made up inside it).

    With `into_folder` the target must be a folder that exists: a USB stick pulled
    out must not turn its mount point into a file name.
    """
    if ctx.actor.role not in MAY_BACK_UP:
        raise Refused("backup_not_allowed", who=ctx.actor.name, role=ctx.actor.role.value)
    target = Path(target)
    if into_folder and not target.is_dir():
        raise Refused("backup_folder_missing", path=str(target))
    if target.is_dir():
        village = _UNSAFE.sub("_", ctx.village.name).strip("._") or "village"
        target = target / f"kiosk-{village}-{_stamp(ctx.clock.now())}.sqlite"
    if not target.parent.is_dir():
        raise Refused("backup_folder_missing", path=str(target.parent))
    if target.resolve() == Path(ctx.db.path).resolve():
        raise Refused("backup_onto_itself", path=str(target))
    store.backup_to(ctx.db.conn, target)
    info = inspect(target, check=False)  # backup_to has just run integrity_check
    with ctx.db.write() as conn:
        audit_row(conn, ctx, "backup.write", "database", ctx.village.id,
                  after={"file": target.name, "entries": info.entries})
    return info


def default_folder(db_path: Path | str) -> Path:
    """Where automatic backups go: backups/ beside the database (the data folder)."""
    return Path(db_path).parent / "backups"


def auto_backup(db: Database, folder: Path | str | None, keep: int, reason: str,
                now: datetime | None = None) -> Path:
    """The program's own backup at start or close; keeps the newest `keep` of its files.

    Files it did not make (any name not `auto-YYYYMMDD-HHMMSS-<reason>.sqlite`) are
    never touched.
    """
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {REASONS}, not {reason!r}")
    folder = Path(folder) if folder is not None else default_folder(db.path)
    folder.mkdir(parents=True, exist_ok=True)
    base = f"auto-{_stamp(now or datetime.now())}-{reason}"
    target, n = folder / f"{base}.sqlite", 1
    while target.exists():
        n += 1
        target = folder / f"{base}-{n}.sqlite"
    store.backup_to(db.conn, target)
    _prune(folder, max(1, keep))
    return target


@dataclass(frozen=True)
class SavedCopy:
    path: Path
    saved_at: datetime
    size: int
    reason: str          # "start", "close", or "" for a copy an operator made


def saved_copies(folder: Path | str) -> list[SavedCopy]:
    """The kiosk backups in a folder, newest first (other files are left out)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite"):
        match = AUTO_NAME.match(path.name)
        if not (match or path.name.startswith("kiosk-")) or not path.is_file():
            continue
        stat = path.stat()
        when = (datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S") if match
                else datetime.fromtimestamp(stat.st_mtime))
        found.append(SavedCopy(path, when, stat.st_size, match.group(3) if match else ""))
    return sorted(found, key=lambda copy: copy.saved_at, reverse=True)


def _prune(folder: Path, keep: int) -> list[Path]:
    ours = []
    for path in folder.iterdir():
        match = AUTO_NAME.match(path.name)
        if match and path.is_file():
            ours.append(((match.group(1), match.group(2), int(match.group(4) or 1)), path))
    ours.sort()
    removed = [path for _, path in ours[:-keep]] if len(ours) > keep else []
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def restore(path_of_live_db: Path | str, source: Path | str,
            expected_village_id: str | None = None, *, allow_other_village: bool = False,
            now: datetime | None = None, operator: str | None = None) -> RestoreResult:
    """Put a backup in place of the live database, after checking it.

    The caller has checked that a manager asked for this and holds NO connection to
    the live database. The source is inspected first (refused when corrupt, foreign,
    newer, truncated, or another village's unless `allow_other_village`); then a copy
    of the live database is kept as `<db>.before-restore-YYYYMMDD-HHMMSS.sqlite`; then
    the source is copied in whole (temp file, fsync, rename); then the books are opened
    (an older backup is migrated) and checked, and any problem is reported.

    Last, the restored books take a new terminal identity and record the restore in
    the audit trail (by `operator`, a manager's name), see the module's docstring.
    """
    live, source = Path(path_of_live_db), Path(source)
    info = inspect(source)
    if source.resolve() == live.resolve():
        raise Refused("backup_onto_itself", path=str(source))
    replaced = None
    if live.exists():
        replaced = _keep_live_copy(live, info, expected_village_id, allow_other_village,
                                   now or datetime.now())
    else:
        live.parent.mkdir(parents=True, exist_ok=True)
    try:
        src = connect(source, read_only=True)
    except Refused:
        _remove(replaced)
        raise
    try:
        store.backup_to(src, live, before_replace=lambda: _remove_sidecars(live))
    except BaseException:
        _remove(replaced)
        raise
    finally:
        src.close()
    db = open_database(live)
    try:
        _after_restore(db, source, replaced, operator, now or datetime.now())
        report = run_check(db)
    finally:
        db.close()
    return RestoreResult(replaced, info, report.problems)


def _after_restore(db: Database, source: Path, replaced: Path | None, operator: str | None,
                   now: datetime) -> None:
    ctx = Context(db, Actor(operator or SYSTEM.name, Role.SYSTEM))
    with db.write() as conn:
        old = renew(conn, new_id=new_id(), at=ctx.now_text(), reason="restore")
        audit_row(conn, ctx, "backup.restore", "terminal", old,
                  before={"terminal": old},
                  after={"terminal": ctx.terminal.id, "from": source.name,
                         "kept": replaced.name if replaced else None, "at": _stamp(now)})


def _keep_live_copy(live: Path, info: BackupInfo, expected_village_id: str | None,
                    allow_other_village: bool, now: datetime) -> Path:
    conn = connect(live)
    try:
        row = books.village_of(conn)
        expected = expected_village_id or (row["id"] if row else None)
        if expected and info.village_id != expected and not allow_other_village:
            raise Refused("restore_other_village", village=info.village,
                          live=row["name"] if row else expected)
        copy = live.with_name(f"{live.stem}.before-restore-{_stamp(now)}.sqlite")
        store.backup_to(conn, copy)
    finally:
        conn.close()
    if _sidecar(live, "-wal").exists():
        # Closing the last connection folds the WAL in and deletes it: one still there
        # means another program has the database open.
        _remove(copy)
        raise Refused("db_locked", path=str(live))
    return copy


def _sidecar(live: Path, suffix: str) -> Path:
    return live.with_name(live.name + suffix)


def _remove_sidecars(live: Path) -> None:
    for suffix in ("-wal", "-shm"):
        _sidecar(live, suffix).unlink(missing_ok=True)


def _remove(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)
