"""The township's own store: villages, terminals, enrolment codes, records, incidents.

On a SQLite file (one township) or a PostgreSQL database (a county, several server processes);
the connection and the few dialect differences are in kiosk.township.db. SQLite: one connection
per Store, a lock around every use in the process (and, for a round's terminal row read on the
event loop, a connection of the loop's own: kiosk.township.store_loop). PostgreSQL: a pool of
connections, reads side by side, a write on its own connection. One writer at a time: BEGIN
IMMEDIATE (SQLite) or a transaction-scoped advisory lock (PostgreSQL) across processes, so every
read-then-write check of the township (codes, terminal numbers, seqs, holds) holds on both. On
SQLite: WAL and synchronous=FULL so a stored record survives a power cut.

commit_no, the order pulls follow, is gap-free in commit order: AUTOINCREMENT under SQLite's
single writer; on PostgreSQL the commit_counter row moved inside the storing transaction.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record, body_hash
from kiosk.township import db as dbs
from kiosk.township.contact_notes import ContactNotes
from kiosk.township.loop_reads import PgLoopReads
from kiosk.township.store_loop import LoopSide
from kiosk.township.tables import holds, numbers, terminals
from kiosk.township.words import TownshipRefused

TOWNSHIP = "township"                 # the terminal id of records born on the township
CODE_DAYS, CODE_ALPHABET = 7, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SCHEMA_VERSION = 1                    # township_meta.schema_version this code knows
TOWNSHIP_TABLES = {"village", "terminal", "record"}   # a township database from before the marker
TOUCH_EVERY_S = 60                    # a terminal's last contact is kept to the minute


def _stamp(now: float) -> str:
    return _stamp_of_second(int(now))


@lru_cache(maxsize=8)      # a round asks for the same second's stamp as the round before it
def _stamp_of_second(second: int) -> str:
    return datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def schema_files(dialect: str) -> list[str]:
    """Every schema file of the dialect, the main one first and the history triggers last:
    schema.sql, cross.sql, console.sql … history.sql for SQLite; schema_pg.sql, console_pg.sql …
    history_pg.sql for PostgreSQL."""
    names = sorted(f.name for f in resources.files("kiosk.township").iterdir() if f.name.endswith(".sql"))
    if dialect == "postgresql":
        mine = [n for n in names if n.endswith("_pg.sql")]
        main = "schema_pg.sql"
    else:
        mine = [n for n in names if not n.endswith("_pg.sql")]
        main = "schema.sql"
    last = [n for n in mine if n.startswith("history")]   # its triggers guard tables the others make
    return [main] + [n for n in mine if n != main and n not in last] + last


class Store(LoopSide):
    def __init__(self, target: str | Path, clock: Callable[[], float] = time.time, *, create: bool = True) -> None:
        self.target, self.clock = target, clock
        self.shown = dbs._safe(str(target))
        self.path = None if dbs.is_postgres(target) else Path(target)
        self.lock = threading.RLock()
        self._noting = threading.Lock()      # SQLite: the connection the last contacts are noted on (notes_db)
        self._loop_reading = threading.Lock()   # SQLite: the event loop's own connection (_loop_db)
        self._loop_db, self._loop_closed = None, False
        self._pg_notes: set = set()          # PostgreSQL: last contacts on their way (store_loop)
        self._depth = 0
        self._bound = threading.local()      # PostgreSQL: the connection of this thread's open write
        self.pool = self.loop_reads = self.contact_notes = self._notes_db = None
        self.db = _open(target, self.shown)
        self.dialect = self.db.dialect
        try:
            self._check_marker()
            self.db.settle()
            if self.dialect == "postgresql":
                size = dbs.pool_size()
                on_loop = dbs.loop_share(size)
                self.pool = dbs.PgPool(str(target), max(2, size - on_loop))
                self.loop_reads = PgLoopReads(str(target), on_loop)
            else:
                self.contact_notes = ContactNotes(self._note_contacts)
            self.migrate()
        except BaseException:
            self.close()
            raise

    def schema_version(self) -> int:
        row = self.one("SELECT value FROM township_meta WHERE key = 'schema_version'")
        return int(row[0]) if row else 0

    @property
    def conn(self):
        return self.db

    def _check_marker(self) -> None:
        """Refuse another program's database and one made by a newer server, before writing anything."""
        import sqlite3
        try:
            tables = self.db.tables()
        except sqlite3.DatabaseError:
            raise TownshipRefused("db_foreign", url=self.shown) from None
        if "township_meta" in tables:
            row = self.db.execute("SELECT value FROM township_meta WHERE key = 'schema_version'").fetchone()
            found = int(row[0]) if row else 0
            if found > SCHEMA_VERSION:
                raise TownshipRefused("db_newer", url=self.shown, found=found, known=SCHEMA_VERSION)
        elif tables and not TOWNSHIP_TABLES <= tables:
            raise TownshipRefused("db_foreign", url=self.shown)

    def migrate(self) -> None:
        """Apply every schema file of the dialect (idempotent) and the upgrades of older databases."""
        scripts = [resources.files("kiosk.township").joinpath(name).read_text("utf-8")
                   for name in schema_files(self.dialect)]
        with self.lock:
            if self.dialect == "sqlite":      # executescript commits as it goes; the upgrades are each one transaction
                for script in scripts:
                    self.db.executescript(script)
                numbers.upgrade(self.db.conn)
                holds.upgrade(self)
            with self.write() as conn:        # PostgreSQL: the whole schema in one transaction, one server at a time
                if self.dialect == "postgresql":
                    for script in scripts:
                        conn.executescript(script)
                conn.execute("INSERT OR IGNORE INTO township_meta (key, value) VALUES ('schema_version', ?)",
                             (str(SCHEMA_VERSION),))

    def close(self) -> None:
        with self.lock:
            if self.pool is not None:
                self.pool.close()
            with self._noting:                  # not under a note's feet
                if self._notes_db is not None:
                    self._notes_db.close()
            with self._loop_reading:
                self._loop_closed = True
                self._drop_loop_db()
            self.db.close()

    def now_text(self) -> str:
        return _stamp(self.clock())

    @contextmanager
    def write(self) -> Iterator:
        """One writing transaction (nestable), the only writer of the database while it lasts:
        committed whole or not at all. On PostgreSQL on a connection of the pool, bound to this
        thread until it ends: reads made meanwhile (one, all) go through it."""
        if self.pool is not None:
            with self._pg_write() as conn:
                yield conn
            return
        with self.lock, self._unavailable():
            outer = self._depth == 0
            if outer:
                self.db.begin()
            self._depth += 1
            try:
                yield self.db
            except BaseException:
                self._depth -= 1
                if outer:
                    self._rollback()
                raise
            self._depth -= 1
            if outer:
                self.db.execute("COMMIT")

    @contextmanager
    def _pg_write(self) -> Iterator:
        bound = getattr(self._bound, "db", None)
        if bound is not None:                   # nested: the outer write commits or rolls back
            yield bound
            return
        with self._unavailable(), self.pool.connection(writing=True) as db:
            self._bound.db = db
            try:
                db.begin()
                try:
                    yield db
                except BaseException:
                    self._rollback(db)
                    raise
                db.execute("COMMIT")
            finally:
                self._bound.db = None

    @contextmanager
    def _reading(self) -> Iterator:
        """The connection a read goes through: this thread's open write, else one of the pool
        (PostgreSQL, no lock: reads run side by side), else the one SQLite connection under the lock."""
        bound = getattr(self._bound, "db", None)
        if bound is not None:
            yield bound
        elif self.pool is not None:
            with self._unavailable(), self.pool.connection() as db:
                yield db
        else:
            with self.lock, self._unavailable():
                yield self.db

    def _rollback(self, db=None) -> None:
        try:
            (db or self.db).execute("ROLLBACK")
        except dbs.unavailable_errors():
            pass                                # the connection is gone: so is its transaction

    @contextmanager
    def _unavailable(self) -> Iterator[None]:
        """The database went away: a 503 refusal (the counter keeps its outbox and retries); the
        next use connects again."""
        try:
            yield
        except dbs.unavailable_errors():
            if self.pool is not None:
                self.pool.drop_broken()
            elif self._depth == 0:
                self._reconnect()
            raise TownshipRefused("db_unavailable", 503) from None

    def _reconnect(self) -> None:
        with suppress(Exception):        # already broken
            self.db.close()
        try:
            self.db = _open(self.target, self.shown)
        except TownshipRefused:
            pass                                # still away: the next request tries again

    def reading(self):
        """A connection for several reads in a row that write nothing (a context manager)."""
        return self._reading()

    def all(self, sql: str, params=()) -> list:
        with self._reading() as db:
            return db.execute(sql, params).fetchall()

    def one(self, sql: str, params=()):
        with self._reading() as db:
            return db.execute(sql, params).fetchone()

    def note(self, sql: str, params=()) -> None:
        """One statement that writes in its own transaction and needs no check before it (a
        terminal's last contact): not queued behind the database's one writer."""
        with self._reading() as db:
            db.execute(sql, params)

    # villages, terminals, codes

    def add_village(self, name: str, currency: str) -> dict:
        if self.village_by_name(name):
            raise TownshipRefused("village_exists", name=name)
        vid = new_id()
        with self.write() as conn:
            conn.execute("INSERT INTO village (id, name, currency, created_at) VALUES (?, ?, ?, ?)",
                         (vid, name, currency, self.now_text()))
        return {"id": vid, "name": name, "currency": currency}

    def village_by_name(self, name: str) -> dbs.Row | None:
        return self.one("SELECT * FROM village WHERE name = ? OR id = ?", (name, name))

    def village(self, name: str) -> dbs.Row:
        row = self.village_by_name(name)
        if row is None:
            raise TownshipRefused("village_unknown", name=name)
        return row

    def issue_code(self, village_name: str) -> dict:
        village = self.village(village_name)
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        expires = self.clock() + CODE_DAYS * 86400
        with self.write() as conn:
            conn.execute("INSERT INTO enrol_code (code, village_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                         (code, village["id"], self.now_text(), expires))
        return {"code": code, "village": village["name"], "expires_at": _stamp(expires)}

    def enrol(self, code: str, name: str, wanted_number: int | None = None) -> dict:
        """A new terminal for the code's village, with its own terminal number (kiosk.township.tables.numbers)."""
        code = code.strip().upper()
        with self.write() as conn:
            row = conn.execute("SELECT * FROM enrol_code WHERE code = ?", (code,)).fetchone()
            if row is None:
                raise TownshipRefused("code_unknown", 403, code=code)
            if row["used_at"] is not None:
                raise TownshipRefused("code_used", 403, code=code)
            if row["expires_at"] < self.clock():
                raise TownshipRefused("code_expired", 403, code=code)
            terminal_id, secret = new_id(), secrets.token_hex(32)
            number = numbers.hand_out(conn, row["village_id"], wanted_number)
            conn.execute("INSERT INTO terminal (id, village_id, name, secret, enrolled_at, number)"
                         " VALUES (?, ?, ?, ?, ?, ?)", (terminal_id, row["village_id"], name, secret, self.now_text(), number))
            conn.execute("UPDATE enrol_code SET used_at = ?, terminal_id = ? WHERE code = ?",
                         (self.now_text(), terminal_id, code))
        return {"terminal_id": terminal_id, "secret": secret, "village_id": row["village_id"], "number": number}

    def terminal(self, terminal_id: str, *, for_round: bool = False) -> dbs.Row | None:
        """The terminal's row; `for_round` adds, in the same query, what a sync round asks next
        (tables.terminals.FOR_ROUND): a nothing-new state and pull each cost one round trip to the
        database."""
        return self.one(terminals.FOR_ROUND if for_round else "SELECT * FROM terminal WHERE id = ?", (terminal_id,))

    def notes_db(self):
        """The SQLite connection the last contacts are noted on (opened at the first note)."""
        if self._notes_db is None:
            self._notes_db = _open(self.target, self.shown)
            self._notes_db.settle()            # synchronous=FULL is the connection's own
        return self._notes_db

    def touch(self, terminal: dbs.Row) -> None:
        """Note the terminal's last contact, at most once a minute (a counter syncing every few
        seconds does not write on every round)."""
        if self.touch_due(terminal):
            self.note("UPDATE terminal SET last_contact = ? WHERE id = ?", (self.now_text(), terminal["id"]))

    def touch_due(self, terminal: dbs.Row) -> bool:
        return (terminal["last_contact"] or "") <= _stamp(self.clock() - TOUCH_EVERY_S)

    # records and incidents

    def cursor_hint(self) -> int:
        return self.one("SELECT COALESCE(MAX(commit_no), 0) FROM record")[0]

    def insert_records(self, conn, records: list[Record], village_id: str | None) -> None:
        now = self.now_text()
        rows = [(r.id, r.terminal_id, r.seq, r.type, r.wire_body().decode("utf-8"), r.sha256, village_id, now)
                for r in records]
        if not rows:
            return
        if self.dialect == "sqlite":     # AUTOINCREMENT under the one writer: gap-free in commit order
            conn.executemany("INSERT INTO record (id, terminal_id, seq, type, body, sha256, village_id, received_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            return
        last = conn.execute("UPDATE commit_counter SET last = last + ? RETURNING last", (len(rows),)).fetchone()[0]
        first = last - len(rows) + 1
        conn.insert_rows("record", ("commit_no", "id", "terminal_id", "seq", "type", "body", "sha256", "village_id",
                                  "received_at"), [(first + n, *row) for n, row in enumerate(rows)])

    def publish(self, conn, type: str, body: dict, village_id: str | None) -> Record:
        """A record born on the township (rule, product, price, rate, hold …): pulled like any other."""
        seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM record WHERE terminal_id = ?",
                           (TOWNSHIP,)).fetchone()[0]
        record = Record(new_id(), TOWNSHIP, seq, type, body, body_hash(body))
        self.insert_records(conn, [record], village_id)
        return record

    def publish_all(self, kind: str, bodies: list[dict], village_id: str | None) -> dict:
        """One record per item, all in one transaction: a township catalogue lands whole or not at all."""
        with self.write() as conn:
            records = [self.publish(conn, kind, body, village_id) for body in bodies]
        return {"published": kind, "records": [{"record": r.id, "seq": r.seq, "body": r.body} for r in records]}

    def incident(self, conn, kind: str, detail: dict, terminal_id: str | None = None,
                 village_id: str | None = None, account_id: str | None = None) -> str:
        iid = new_id()
        conn.execute("INSERT INTO incident (id, kind, terminal_id, village_id, account_id, detail, created_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (iid, kind, terminal_id, village_id, account_id,
                      json.dumps(detail, ensure_ascii=False, sort_keys=True), self.now_text()))
        return iid

    def log_incident(self, kind: str, detail: dict, **where) -> str:
        with self.write() as conn:
            return self.incident(conn, kind, detail, **where)




def _open(target: str | Path, shown: str):
    import sqlite3
    try:
        return dbs.open_db(target)
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise TownshipRefused("db_foreign", url=shown) from None
        raise TownshipRefused("db_unreachable", url=shown, detail=str(exc)) from None
    except sqlite3.Error as exc:
        raise TownshipRefused("db_unreachable", url=shown, detail=str(exc)) from None
