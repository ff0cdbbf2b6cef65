"""SQLite: the last contacts noted by one event loop's rounds, those due meanwhile in one transaction.

A counter's round notes its terminal's last contact once a minute (Store.touch). On SQLite each
note alone was a transaction of its own, under the store's one connection lock, and the round
waited for it: a crowd's rounds, every one due, queued one commit after the other, and with
several server processes each commit waited for the others' (SQLite's busy handler sleeps while
another process writes). Here a round hands its note over and is answered at once; the notes go in
the next transaction to start, together (one BEGIN IMMEDIATE … COMMIT), on a connection of their
own (Store.notes_db), one transaction at a time: one commit for many, as PostgreSQL's are one
statement (kiosk.township.loop_reads; its notes are not waited for either: Store.touch_on_loop).

What is kept in memory is only a note on its way to the database, for as long as the transaction
before it takes. Nothing depends on it: the last contact is for people (the console's list of
counters), no answer reads it, and a round's note is never needed by another process. A note lost
with its process (it died before the commit), or one whose transaction failed (logged: the
database locked longer than its busy timeout, the disk full), leaves the terminal's last contact
as it was, so its next round is due and notes it. A process stopping (the app's lifespan) writes
the notes it holds first.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Callable

from anyio import to_thread

log = logging.getLogger("kiosk.township")


class ContactNotes:
    """The notes waiting for the next transaction, and the task writing them (one at a time)."""

    def __init__(self, write: Callable[[dict[str, str]], None]) -> None:
        self.write = write                     # {terminal id: stamp}, in one transaction
        self.waiting: dict[str, str] = {}
        self.task: asyncio.Task | None = None

    def note(self, terminal_id: str, stamp: str) -> None:
        """The terminal's last contact `stamp`, for the next transaction (started now if none runs)."""
        loop = asyncio.get_running_loop()
        if self.task is not None and self.task.get_loop() is not loop:   # a loop gone without close:
            self.task, self.waiting = None, {}                                # its notes went with it
        self.waiting[terminal_id] = stamp
        if self.task is None:                  # no request's context: its Server-Timing is not the note's
            self.task = loop.create_task(self._written(), context=contextvars.Context())

    async def _written(self) -> None:
        try:
            while self.waiting:
                batch, self.waiting = self.waiting, {}
                try:
                    await to_thread.run_sync(self.write, batch)
                except Exception:  # noqa: BLE001  (the terminals' next rounds note them)
                    log.warning("the last contacts of %d terminals were not noted", len(batch), exc_info=True)
        finally:
            if self.task is asyncio.current_task():
                self.task = None

    async def written(self) -> None:
        """Back once every note handed over so far is written (or failed)."""
        while self.task is not None:
            await asyncio.shield(self.task)

    async def close(self) -> None:
        await self.written()
