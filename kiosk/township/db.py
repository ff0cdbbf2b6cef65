"""The township's connection to its database: a SQLite file or a PostgreSQL server.

psycopg 3 with a few dialect-specific statements, not SQLAlchemy: the township's SQL already
exists and is plain; what differs between the two is small and listed here (placeholders,
INSERT OR IGNORE, the schema files, the commit counter), so a thin layer is fewer moving
parts than an engine and a second query language. A server process lends its requests
connections from a psycopg_pool pool (PgPool), so they run side by side.

Both are used the same way: `execute(sql, params)` with `?` placeholders returns a cursor
whose rows are read by column name or index; BEGIN/COMMIT/ROLLBACK are the caller's
(kiosk.township.store holds the one writer at a time).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path

from kiosk.township.words import TownshipRefused

PG_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: str | Path) -> bool:
    return str(target).startswith(PG_SCHEMES)


class Row(tuple):
    """A row read by index or by column name, like sqlite3.Row; dict(row) works.

    Rows of one column list share a class (rows_of) that knows where each name is: a row is
    made by tuple's own constructor and read by name with one dict lookup (a big read, such
    as a fold over every entry of a village, makes and reads each of its rows)."""

    __slots__ = ()
    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __new__(cls, values, names: tuple[str, ...]):
        return rows_of(tuple(names))(values)

    def keys(self) -> list[str]:
        return list(self._names)

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._index[key])
            except KeyError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)


_ROW_CLASSES: dict[tuple[str, ...], type[Row]] = {}


def rows_of(names: tuple[str, ...]) -> type[Row]:
    """The class of the rows with these columns (made once per column list; the first of a
    name repeated wins, as in sqlite3.Row)."""
    found = _ROW_CLASSES.get(names)
    if found is None:
        index = {name: n for n, name in reversed(list(enumerate(names)))}
        found = _ROW_CLASSES[names] = type("Row", (Row,), {"__slots__": (), "__new__": tuple.__new__,
                                                           "_names": names, "_index": index})
    return found


_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO", re.IGNORECASE)
_VALUES = re.compile(r"^(\s*INSERT\s.*?\s)VALUES\s*(\((?:\s*\?\s*,)*\s*\?\s*\))(.*)$",
                     re.IGNORECASE | re.DOTALL)
_TOKENS = re.compile(r"'(?:[^']|'')*'|\?|%")


def to_postgres(sql: str) -> str:
    """`?` → `%s` (a literal % doubled), INSERT OR IGNORE → INSERT … ON CONFLICT DO NOTHING."""
    if _IGNORE.match(sql):
        sql = _IGNORE.sub("INSERT INTO", sql, count=1) + " ON CONFLICT DO NOTHING"
    return _TOKENS.sub(_token, sql)


def _token(match: re.Match) -> str:
    text = match.group(0)
    if text == "?":
        return "%s"
    return text.replace("%", "%%")      # psycopg reads % everywhere, quoted or not


class SqliteDb:
    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.conn = sqlite3.connect(Path(path), isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        for pragma in ("foreign_keys=ON", "busy_timeout=10000"):   # neither writes to the file
            self.conn.execute(f"PRAGMA {pragma}")

    @classmethod
    def reader(cls, path: str | Path) -> SqliteDb:
        """A connection for the reads an event loop makes itself (kiosk.township.store_loop): it
        writes nothing (query_only), never makes a file (a township file gone stays gone: the
        store's connection says so), and waits for a lock no more than a moment, since the whole
        loop would wait with it (a WAL read meets one only while a crashed writer is recovered)."""
        db = cls.__new__(cls)
        uri = Path(path).resolve().as_uri() + "?mode=rw"
        db.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        db.conn.row_factory = sqlite3.Row
        for pragma in ("query_only=ON", "busy_timeout=20"):
            db.conn.execute(f"PRAGMA {pragma}")
        return db

    def settle(self) -> None:
        """WAL and synchronous=FULL, once the file is known to be a township's (WAL is written to it)."""
        for pragma in ("journal_mode=WAL", "synchronous=FULL"):
            self.conn.execute(f"PRAGMA {pragma}")

    def execute(self, sql: str, params=()):
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows):
        return self.conn.executemany(sql, rows)

    def executescript(self, script: str) -> None:
        self.conn.executescript(script)

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Many new rows at once (PostgreSQL: COPY)."""
        marks = ", ".join("?" * len(columns))
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def batch(self):
        return nullcontext()

    def tables(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def close(self) -> None:
        self.conn.close()

    @property
    def total_changes(self) -> int:
        return self.conn.total_changes


def _row_statuses() -> frozenset[int]:
    try:
        from psycopg.pq import ExecStatus
    except ImportError:
        return frozenset()
    return frozenset({ExecStatus.TUPLES_OK, ExecStatus.SINGLE_TUPLE, getattr(ExecStatus, "TUPLES_CHUNK", -1)})


_ROW_STATUSES = _row_statuses()


class _PgCursor:
    def __init__(self, cursor) -> None:
        self.cursor = cursor

    @property
    def rowcount(self) -> int:
        return self.cursor.rowcount

    def fetchone(self):
        return self.cursor.fetchone() if _gives_rows(self.cursor) else None

    def fetchall(self) -> list:
        return self.cursor.fetchall() if _gives_rows(self.cursor) else []

    def __iter__(self):
        return iter(self.fetchall())


def _gives_rows(cursor) -> bool:
    """Whether the statement answered rows (psycopg's `description is not None`, without making
    a Column object per column on every statement)."""
    res = cursor.pgresult
    return bool(res) and bool(res.nfields or res.status in _ROW_STATUSES)


def _row_factory(cursor):
    """The row class of a result, its column names read straight from the result (psycopg's
    `description` makes a Column, with its type looked up, per column per statement: a
    terminal's row for a sync round has nearly thirty)."""
    res = cursor.pgresult
    if not res:
        return rows_of(())
    return rows_of(tuple((res.fname(n) or b"").decode("utf-8") for n in range(res.nfields)))   # COPY: no names


class PgDb:
    """One psycopg connection in autocommit mode: the store issues BEGIN/COMMIT itself."""

    dialect = "postgresql"
    WRITER_LOCK = 0x6B696F736B   # pg_advisory_xact_lock key: one writer at a time, as SQLite's BEGIN IMMEDIATE

    def __init__(self, url: str, conn=None) -> None:
        import psycopg

        self.url = url
        if conn is not None:                   # one lent by the pool (PgPool)
            self.conn = conn
            return
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
        except psycopg.OperationalError as exc:
            raise TownshipRefused("db_unreachable", url=_safe(url), detail=_first_line(exc)) from None
        except psycopg.ProgrammingError as exc:     # a malformed URL
            raise TownshipRefused("db_bad_url", url=_safe(url), detail=_first_line(exc)) from None

    def execute(self, sql: str, params=()):
        return _PgCursor(self.conn.execute(to_postgres(sql), tuple(params)))

    def executemany(self, sql: str, rows):
        """An INSERT … VALUES (?, …) goes as one statement over one JSON array of the rows
        (INSERT … SELECT FROM json_array_elements): psycopg's own executemany is a round of the
        pipeline per row, and arrays as parameters are dumped value by value in Python; json.dumps
        is one C call."""
        rows = [tuple(r) for r in rows]
        cursor = self.conn.cursor()
        values = _VALUES.match(sql)
        if rows and values:
            head, _marks, tail = values.groups()
            picks = ", ".join(f"(e->>{n}){_json_cast(c)}" for n, c in enumerate(zip(*rows)))
            cursor.execute(to_postgres(f"{head}SELECT {picks} FROM json_array_elements(?::json) AS e{tail}"),
                           (json.dumps(rows, ensure_ascii=False),))
        elif rows:
            cursor.executemany(to_postgres(sql), rows)
        return _PgCursor(cursor)

    def batch(self):
        """Statements sent without waiting for each answer (psycopg's pipeline): one round trip
        for several. Read a cursor's rows only after the block ends (the answers are in then)."""
        return self.conn.pipeline()

    def insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Many new rows at once with COPY (a push's records and their links: the fastest way in,
        each row formatted in C, nothing parsed as JSON on the server)."""
        with self.conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def executescript(self, script: str) -> None:
        self.conn.execute(script)     # no parameters: psycopg sends the whole script as one simple query

    def tables(self) -> set[str]:
        return {r[0] for r in self.conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()}

    def settle(self) -> None:
        pass

    def begin(self) -> None:
        self.conn.execute(f"BEGIN; SELECT pg_advisory_xact_lock({self.WRITER_LOCK})")   # one round trip

    def close(self) -> None:
        self.conn.close()


class PgPool:
    """The connections of one server process: a request borrows one for a statement or a transaction,
    so requests run side by side (a worker's threads) instead of queueing on one connection.

    Writers are few at a time per process (WRITERS): a write waits for the database's one writer
    (the advisory lock) while holding its connection, and reads must still find free ones."""

    WRITERS = 2

    def __init__(self, url: str, size: int) -> None:
        from psycopg_pool import ConnectionPool

        self.url = url
        self.writers = threading.BoundedSemaphore(min(self.WRITERS, size))
        self.pool = ConnectionPool(url, min_size=1, max_size=max(size, 2), timeout=POOL_WAIT_S, open=True,
                                   kwargs={"autocommit": True, "row_factory": _row_factory, "connect_timeout": 10},
                                   name="township")

    @contextmanager
    def connection(self, writing: bool = False) -> Iterator[PgDb]:
        with self.writers if writing else nullcontext(), self.pool.connection() as conn:
            yield PgDb(self.url, conn)

    def drop_broken(self) -> None:
        """After the database went away: every idle connection is tried, the dead ones replaced."""
        with suppress(Exception):
            self.pool.check()

    def close(self) -> None:
        self.pool.close()


POOL_WAIT_S = 10        # no free connection (or no database) for this long: 503, try again later


def pool_size() -> int:
    """Connections per server process (KIOSK_TOWNSHIP_POOL, default 8): PostgreSQL's max_connections
    must cover workers × this, plus the admin's. `loop_share` of them serve the reads made on the
    event loop (kiosk.township.loop_reads), the others the worker's threads (PgPool)."""
    try:
        return max(2, int(os.environ.get("KIOSK_TOWNSHIP_POOL", "8")))
    except ValueError:
        return 8


def loop_share(size: int) -> int:
    """Of a process's `size` connections, those for the reads on its event loop: a quarter, at least one."""
    return max(1, size // 4)


def _json_cast(column: tuple) -> str:
    """The cast of one column of rows read from JSON as text, from its first value that is not None."""
    sample = next((v for v in column if v is not None), "")
    if isinstance(sample, bool):
        return "::boolean"
    return {int: "::bigint", float: "::float8"}.get(type(sample), "")


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def open_db(target: str | Path):
    return PgDb(str(target)) if is_postgres(target) else SqliteDb(target)


def unavailable_errors() -> tuple[type[BaseException], ...]:
    """Errors meaning the database went away (answered 503, retried later by the counter)."""
    try:
        import psycopg
    except ImportError:
        return ()
    return (psycopg.OperationalError, psycopg.InterfaceError)
