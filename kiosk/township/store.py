"""The township's own SQLite store: villages, terminals, enrolment codes, records, incidents.

One connection, one writer at a time (a lock around every use, BEGIN IMMEDIATE for writes),
WAL and synchronous=FULL so a stored record survives a power cut.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record, body_hash
from kiosk.township import holds, numbers
from kiosk.township.words import TownshipRefused

TOWNSHIP = "township"                 # the terminal id of records born on the township
CODE_DAYS, CODE_ALPHABET = 7, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _stamp(now: float) -> str:
    return datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    def __init__(self, path: str | Path, clock: Callable[[], float] = time.time) -> None:
        self.path, self.clock = Path(path), clock
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.lock = threading.RLock()
        self._depth = 0
        self.conn.executescript(resources.files("kiosk.township").joinpath("schema.sql").read_text("utf-8"))
        self.conn.executescript(resources.files("kiosk.township").joinpath("console.sql").read_text("utf-8"))
        numbers.upgrade(self.conn)
        holds.upgrade(self)

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def now_text(self) -> str:
        return _stamp(self.clock())

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One BEGIN IMMEDIATE transaction (nestable): committed whole or not at all."""
        with self.lock:
            outer = self._depth == 0
            if outer:
                self.conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self._depth -= 1
                if outer:
                    self.conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self.conn.execute("COMMIT")

    def all(self, sql: str, params=()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params=()) -> sqlite3.Row | None:
        with self.lock:
            return self.conn.execute(sql, params).fetchone()

    # villages, terminals, codes

    def add_village(self, name: str, currency: str) -> dict:
        if self.village_by_name(name):
            raise TownshipRefused("village_exists", name=name)
        vid = new_id()
        with self.write() as conn:
            conn.execute("INSERT INTO village (id, name, currency, created_at) VALUES (?, ?, ?, ?)",
                         (vid, name, currency, self.now_text()))
        return {"id": vid, "name": name, "currency": currency}

    def village_by_name(self, name: str) -> sqlite3.Row | None:
        return self.one("SELECT * FROM village WHERE name = ? OR id = ?", (name, name))

    def village(self, name: str) -> sqlite3.Row:
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
        """A new terminal for the code's village, with its own terminal number (kiosk.township.numbers)."""
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

    def terminal(self, terminal_id: str) -> sqlite3.Row | None:
        return self.one("SELECT * FROM terminal WHERE id = ?", (terminal_id,))

    def touch(self, terminal_id: str) -> None:
        with self.write() as conn:
            conn.execute("UPDATE terminal SET last_contact = ? WHERE id = ?", (self.now_text(), terminal_id))

    # records and incidents

    def cursor_hint(self) -> int:
        return self.one("SELECT COALESCE(MAX(commit_no), 0) FROM record")[0]

    def insert_records(self, conn: sqlite3.Connection, records: list[Record], village_id: str | None) -> None:
        now = self.now_text()
        conn.executemany(
            "INSERT INTO record (id, terminal_id, seq, type, body, sha256, village_id, received_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, r.terminal_id, r.seq, r.type, r.wire_body().decode("utf-8"), r.sha256, village_id, now)
             for r in records])

    def publish(self, conn: sqlite3.Connection, type: str, body: dict, village_id: str | None) -> Record:
        """A record born on the township (rule, product, price, rate, hold …): pulled like any other."""
        seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM record WHERE terminal_id = ?",
                           (TOWNSHIP,)).fetchone()[0]
        record = Record(new_id(), TOWNSHIP, seq, type, body, body_hash(body))
        self.insert_records(conn, [record], village_id)
        return record

    def incident(self, conn: sqlite3.Connection, kind: str, detail: dict, terminal_id: str | None = None,
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
