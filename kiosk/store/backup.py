"""Copies of the database file: written whole or not at all, and read back before trusted.

`backup_to` uses SQLite's online backup API (a consistent copy while the counter
keeps working) into a temp file beside the target, checks it, fsyncs it and only
then renames it over the target. `inspect` opens a file read-only and says what it
is, or refuses it with a reason the user can act on.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.store.db import APPLICATION_ID, connect
from kiosk.store.migrations import available, current_version

SQLITE_MAGIC = b"SQLite format 3\x00"
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


@dataclass(frozen=True)
class BackupInfo:
    village: str | None
    village_id: str | None
    schema_version: int
    entries: int
    last_entry_at: str | None
    size: int
    ok: bool
    path: Path | None = None


def backup_to(conn: sqlite3.Connection, target: Path,
              before_replace: Callable[[], None] | None = None) -> None:
    """Copy the database behind `conn` to `target`; the target is never half-written.

    Temp file beside the target → online backup → integrity_check on a fresh
    connection → fsync → `before_replace()` → os.replace → fsync of the folder.
    A full or read-only disk is refused plainly and the temp file removed.
    """
    target = Path(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        _copy_into(conn, temp)
        _require_intact(temp)
        _fsync(temp)
        if before_replace is not None:
            before_replace()
        os.replace(temp, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise _disk_refusal(exc, target) from exc
    except sqlite3.Error as exc:
        raise _sqlite_refusal(exc, target) from exc
    finally:
        _remove_quietly(temp)


def _copy_into(conn: sqlite3.Connection, temp: Path) -> None:
    _remove_quietly(temp)
    copy = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.backup(copy)
        # One self-contained file: no -wal beside it on the USB stick.
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()


def _require_intact(path: Path) -> None:
    check = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        raise Refused("backup_failed", detail=result)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder to fsync it
        return
    try:
        _fsync(folder)
    except OSError:
        pass


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _disk_refusal(exc: OSError, target: Path) -> Refused:
    if exc.errno in _NO_SPACE:
        return Refused("backup_no_space", path=str(target))
    if exc.errno in _READ_ONLY:
        return Refused("backup_read_only", path=str(target))
    return Refused("backup_failed", detail=exc.strerror or str(exc))


def _sqlite_refusal(exc: sqlite3.Error, target: Path) -> Refused:
    text = str(exc).lower()
    if "full" in text:
        return Refused("backup_no_space", path=str(target))
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return Refused("backup_read_only", path=str(target))
    return Refused("backup_failed", detail=str(exc))


def inspect(path: Path | str, check: bool = True) -> BackupInfo:
    """What a backup file is: which village, how recent, how many entries.

    Refuses a missing, truncated, non-SQLite, foreign, corrupt or newer-schema file,
    and a kiosk database that holds no village. Opens it read-only: nothing is written.
    `check=False` skips the integrity check (for a file just checked by backup_to).
    """
    path = Path(path)
    if not path.is_file():
        raise Refused("backup_missing", path=str(path))
    size = path.stat().st_size
    ours = _check_header(path, size)
    try:
        conn = connect(path, read_only=True)
    except Refused as refusal:
        raise _as_backup_refusal(refusal, path, ours) from None
    try:
        return _describe(conn, path, size, check)
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "not a database" in text:
            raise Refused("backup_not_sqlite", path=str(path)) from exc
        raise Refused("backup_corrupt", path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()


def _check_header(path: Path, size: int) -> bool:
    """Refuse what is plainly not a whole SQLite file; True when it says it is ours."""
    with open(path, "rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise Refused("backup_not_sqlite", path=str(path))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The in-header page count is valid when the change counter matches "version-valid-for".
    if header[24:28] == header[92:96] and pages and size < pages * page_size:
        raise Refused("backup_truncated", path=str(path), size=size, expected=pages * page_size)
    if page_size < 512 or page_size & (page_size - 1):
        raise Refused("backup_corrupt", path=str(path), detail=f"page size {page_size}")
    if size % page_size:
        raise Refused("backup_truncated", path=str(path), size=size,
                      expected=(size // page_size + 1) * page_size)
    return int.from_bytes(header[68:72], "big") == APPLICATION_ID


def _as_backup_refusal(refusal: Refused, path: Path, ours: bool) -> Refused:
    if refusal.code in ("db_not_kiosk", "db_damaged") and ours:  # says it is ours, but SQLite cannot read it
        return Refused("backup_corrupt", path=str(path), detail="malformed")
    if refusal.code == "db_damaged":
        return Refused("backup_corrupt", path=str(path), detail=refusal.params.get("detail", "malformed"))
    if refusal.code == "db_not_kiosk":
        return Refused("backup_not_kiosk", path=str(path))
    if refusal.code in ("db_error", "db_locked"):
        return Refused("backup_corrupt", path=str(path), detail=refusal.params.get("detail", refusal.code))
    return refusal


def _describe(conn: sqlite3.Connection, path: Path, size: int, check: bool) -> BackupInfo:
    if check:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)").fetchall()]
        if rows != ["ok"]:
            raise Refused("backup_corrupt", path=str(path), detail="; ".join(rows))
    version = current_version(conn)
    if version == 0:
        raise Refused("backup_not_kiosk", path=str(path))
    latest = available()[-1].version
    if version > latest:
        raise Refused("db_newer", found=version, supported=latest)
    village = conn.execute("SELECT id, name FROM village LIMIT 1").fetchone()
    if village is None:
        raise Refused("backup_empty", path=str(path))
    entries, last = conn.execute("SELECT COUNT(*), MAX(at) FROM entry").fetchone()
    return BackupInfo(village["name"], village["id"], version, entries, last, size, True, path)
