"""The township store's side on the serving event loop (Store inherits it): a round's terminal row
read there, its last contact noted there, with the reads and notes of the rounds asked meanwhile
(PostgreSQL: kiosk.township.loop_reads, one statement for many; SQLite: a connection of the loop's
own, and kiosk.township.contact_notes for the notes, one transaction for many)."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import sqlite3
from contextlib import suppress
from functools import partial

from kiosk.township import db as dbs
from kiosk.township.tables import terminals
from kiosk.township.words import TownshipRefused

log = logging.getLogger("kiosk.township")


class LoopSide:
    """What Store does from the event loop; it holds the lock, loop_reads, contact_notes, notes_db,
    _loop_db and _pg_notes (PostgreSQL: the last contacts on their way)."""

    async def open_loop(self) -> None:
        """PostgreSQL: connections for the reads made on the serving event loop (the app's lifespan)."""
        if self.loop_reads is not None:
            await self.loop_reads.open()

    async def close_loop(self) -> None:
        if self.loop_reads is not None:
            await self.contacts_written()          # the notes on their way first
            await self.loop_reads.close()
        if self.contact_notes is not None:
            await self.contact_notes.close()

    def reads_on_loop(self) -> bool:
        """Whether terminal_on_loop may be used here: PostgreSQL, in the loop whose connections are
        open; SQLite, always."""
        return self.loop_reads.here() if self.loop_reads is not None else self.pool is None

    async def terminal_on_loop(self, terminal_id: str) -> dbs.Row | None:
        """terminal(for_round=True) read on the event loop itself (see reads_on_loop): no thread hop.
        SQLite: on a connection of the loop's own (a read of a few index pages, never across an
        await; _sqlite_read_on_loop), else in a thread on the store's connection."""
        if self.loop_reads is None:
            found = self._sqlite_read_on_loop(terminals.FOR_ROUND, (terminal_id,))
            if found is not False:
                return found
            from anyio import to_thread
            return await to_thread.run_sync(partial(self.terminal, terminal_id, for_round=True))
        try:      # read with the rows other rounds ask for meanwhile (kiosk.township.loop_reads)
            return await self.loop_reads.by_key(terminal_id, terminals.FOR_ROUND, terminals.FOR_ROUNDS)
        except dbs.unavailable_errors():
            raise TownshipRefused("db_unavailable", 503) from None

    def _sqlite_read_on_loop(self, sql: str, params: tuple):
        """SQLite: one row read on a connection of the event loop's own (dbs.SqliteDb.reader), so an
        unsigned state does not wait for the store's connection a push holds while it waits for
        the database's one writer (WAL: a read sees every commit made before it, and waits for no
        writer). False when it cannot be read there (another loop of this process reading on it,
        the store closed, a lock met, the file gone or broken): read it as before, on the store's
        connection, in a thread."""
        if not self._loop_reading.acquire(blocking=False):
            return False
        try:
            if self._loop_closed:
                return False
            if self._loop_db is None:
                self._loop_db = dbs.SqliteDb.reader(self.target)
            return self._loop_db.execute(sql, params).fetchone()
        except sqlite3.Error:
            self._drop_loop_db()
            return False
        finally:
            self._loop_reading.release()

    def _drop_loop_db(self) -> None:
        if self._loop_db is not None:
            with suppress(Exception):        # already broken
                self._loop_db.close()
        self._loop_db = None

    async def touch_on_loop(self, terminal: dbs.Row) -> None:
        """The terminal's last contact noted from the event loop (see touch, reads_on_loop), with those
        of the rounds due meanwhile, and not waited for: the round is answered at once; a note that
        fails is logged, and the terminal's next round notes it (the last contact is for people, no
        answer reads it). PostgreSQL: one statement for the notes due meanwhile
        (tables.terminals.NOTE_CONTACTS, kiosk.township.loop_reads). SQLite: the next transaction
        (kiosk.township.contact_notes)."""
        if self.contact_notes is not None:
            self.contact_notes.note(terminal["id"], self.now_text())
            return
        task = asyncio.get_running_loop().create_task(self._pg_note(terminal["id"], self.now_text()),
                                                      context=contextvars.Context())   # not the round's timing
        self._pg_notes.add(task)
        task.add_done_callback(self._pg_notes.discard)

    async def _pg_note(self, terminal_id: str, stamp: str) -> None:
        try:
            await self.loop_reads.by_key(terminal_id, terminals.NOTE_CONTACT, terminals.NOTE_CONTACTS, (stamp, stamp))
        except Exception:  # noqa: BLE001  (its next round notes it)
            log.warning("the last contact of a terminal was not noted", exc_info=True)

    async def contacts_written(self) -> None:
        """Back once the last contacts handed over so far are written, or failed (touch_on_loop)."""
        if self.contact_notes is not None:
            await self.contact_notes.written()
        loop = asyncio.get_running_loop()
        while mine := [task for task in self._pg_notes if task.get_loop() is loop]:   # (a loop gone
            await asyncio.gather(*map(asyncio.shield, mine), return_exceptions=True)   # took its own)

    def _note_contacts(self, stamps: dict[str, str]) -> None:
        """SQLite: one transaction on a connection of its own (kiosk.township.contact_notes writes one
        at a time), so while it waits for the database's one writer (another process's push) this
        process's reads go on, on the store's connection."""
        with self._noting:
            db = self.notes_db()
            try:
                db.begin()
                terminals.note_contacts(db, stamps)
                db.execute("COMMIT")
            except BaseException:
                self._notes_db = None              # closed: its transaction, if any, rolled back
                with suppress(Exception):
                    db.close()
                raise
