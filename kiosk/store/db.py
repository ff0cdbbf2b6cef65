"""The database connection: pragmas, one writer at a time, clear errors."""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

from kiosk.core.errors import Refused
from kiosk.store import chain, chain_outside

APPLICATION_ID = 0x4A464353  # "JFCS": 积分超市
BUSY_TIMEOUT_MS = 5000
PRAGMAS = (
    "journal_mode = WAL",
    "synchronous = FULL",
    "foreign_keys = ON",
    # INSERT OR REPLACE deletes the old row: with this, the append-only DELETE
    # triggers see that delete too.
    "recursive_triggers = ON",
    # The counter reads a handful of pages per sale; keep them in memory.
    "cache_size = -32768",
    "mmap_size = 268435456",
)


def default_busy_timeout_ms() -> int:
    """How long to wait for another program's write: KIOSK_BUSY_TIMEOUT_MS, else 5 s."""
    text = os.environ.get("KIOSK_BUSY_TIMEOUT_MS", "")
    return int(text) if text.isdigit() else BUSY_TIMEOUT_MS


def connect(path: Path | str, busy_timeout_ms: int | None = None,
            read_only: bool = False) -> sqlite3.Connection:
    """A connection with the project's pragmas; transactions are explicit."""
    if busy_timeout_ms is None:
        busy_timeout_ms = default_busy_timeout_ms()
    target = f"file:{Path(path).resolve().as_posix()}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(
        target, isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000,
        uri=read_only,
    )
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        _refuse_foreign(conn, path)  # before WAL, which would rewrite a stranger's file
        for pragma in PRAGMAS if not read_only else PRAGMAS[2:]:  # WAL is the writer's to set
            conn.execute(f"PRAGMA {pragma}")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise translate(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _refuse_foreign(conn: sqlite3.Connection, path: Path | str) -> None:
    """Only a kiosk database, or an empty file that is about to become one."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return
    if app_id != 0 or conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
        raise Refused("db_not_kiosk", path=str(path))


def translate(exc: sqlite3.Error, path: Path | str = "") -> Refused:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return Refused("db_locked", path=str(path))
    if "malformed" in text or ("not a database" in text and says_it_is_ours(path)):
        return Refused("db_damaged", path=str(path), detail=str(exc))
    if "not a database" in text:
        return Refused("db_not_kiosk", path=str(path))
    if "readonly" in text or "read-only" in text:
        return Refused("db_read_only", path=str(path))
    return Refused("db_error", detail=str(exc))


def says_it_is_ours(path: Path | str) -> bool:
    """The file's header names this program (its application id), whatever the rest holds."""
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError:
        return False
    return len(header) == 100 and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def damage(conn: sqlite3.Connection) -> str | None:
    """What SQLite's own quick check finds wrong with the file, or None when it is whole."""
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(5)").fetchall()]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows)


class Database:
    """One connection shared by the program; writes are serialised by a lock."""

    def __init__(self, conn: sqlite3.Connection, path: Path | str) -> None:
        self.conn = conn
        self.path = Path(path)
        self._lock = threading.RLock()
        self._depth = 0
        self._has_chain: bool | None = None
        self._sealed_at: int | None = None   # PRAGMA data_version when this connection last sealed and committed

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        return self.conn.execute(sql, params).fetchone()

    def all(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: tuple | dict = ()):
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE); nested calls become savepoints.

        Anything raised inside rolls the whole block back: the database is as before.
        Chain rows it finds unsealed were written outside the program (kiosk/store/chain_outside.py):
        the program seals its own before it commits, its migrations' in their last transaction.
        """
        with self._lock:
            if self._depth:
                yield from self._savepoint()
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise translate(exc, self.path) from exc
            self._depth = 1
            try:
                version = self._look_outside()
                yield self.conn
                self.seal_chain()
                self.conn.execute("COMMIT")
                self._sealed_at = version
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                chain.forget(self.conn)
                raise
            finally:
                self._depth = 0

    def _look_outside(self) -> int | None:
        """At a write's start, note chain rows written outside the program (chain_outside.note),
        unless no other connection has committed since this one last sealed its rows and
        committed (PRAGMA data_version says so without reading the chain): the tail is then
        as this connection left it. Returns the version to remember once this write commits."""
        if not self._chained():
            return None
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if self._sealed_at is None or version != self._sealed_at:
            chain_outside.note(self.conn)
        return version

    def seal_chain(self) -> None:
        """Seal the books' chain rows this transaction added (kiosk/store/chain.py)."""
        if self._chained():
            chain.seal(self.conn)

    def _chained(self) -> bool:
        if self._has_chain is None:
            self._has_chain = chain_outside.chained(self.conn)
        return self._has_chain

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        name = f"sp{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
            self.conn.execute(f"RELEASE {name}")
        except BaseException:
            self.conn.execute(f"ROLLBACK TO {name}")
            self.conn.execute(f"RELEASE {name}")
            raise
        finally:
            self._depth -= 1

    def close(self) -> None:
        self.conn.close()
