"""SQLite: the last contacts noted by one event loop's rounds, those due meanwhile in one transaction.

A counter's round notes its terminal's last contact once a minute (Store.touch). On SQLite each
note alone is a transaction of its own, committed to the disk (synchronous=FULL) under the store's
one connection lock: a crowd's rounds, every one due, queued for that lock one commit after the
other. Here the notes asked for while one transaction is being written wait for it to end and
then go in the next, together (one BEGIN IMMEDIATE … COMMIT): one commit for many, as PostgreSQL's
are one statement (kiosk.township.loop_reads).

Nothing is kept in memory beyond the moment of writing: a round is answered once its note is
committed (or failed), as it was when it wrote its own. A note lost with its process (it died
before the commit) was never answered for; the terminal's last contact is then still old, so its
next round is due to note it again. A note that fails (the database locked longer than its busy
timeout, the disk full) is logged and its round answered all the same: the answer does not depend
on it, and the next round notes it.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Callable

from kiosk.township.turns import off_loop

log = logging.getLogger("kiosk.township")


class ContactNotes:
    """The notes waiting for the next transaction, and the task writing them (one at a time)."""

    def __init__(self, write: Callable[[dict[str, str]], None]) -> None:
        self.write = write                                   # {terminal id: stamp}, one transaction
        self.waiting: dict[str, tuple[str, list[asyncio.Future]]] = {}
        self.task: asyncio.Task | None = None

    async def note(self, terminal_id: str, stamp: str) -> None:
        """The terminal's last contact `stamp`, written with the others due meanwhile; back once
        committed, or failed (logged)."""
        loop = asyncio.get_running_loop()
        if self.task is not None and self.task.get_loop() is not loop:   # a loop gone without close: its
            self.task, self.waiting = None, {}                                 # rounds went with it
        done = loop.create_future()
        _, waiters = self.waiting.get(terminal_id, (stamp, []))
        self.waiting[terminal_id] = (stamp, [*waiters, done])     # its latest stamp
        if self.task is None:        # no transaction under way: one starts now (no request's context)
            self.task = loop.create_task(self._written(), context=contextvars.Context())
        await done

    async def _written(self) -> None:
        try:
            while self.waiting:
                batch, self.waiting = self.waiting, {}
                try:
                    await off_loop(self.write, {key: stamp for key, (stamp, _) in batch.items()})
                except Exception:  # noqa: BLE001  (the rounds are answered: their next one notes it)
                    log.warning("the last contacts of %d terminals were not noted", len(batch), exc_info=True)
                finally:
                    for _, waiters in batch.values():
                        for done in waiters:
                            if not done.done():
                                done.set_result(None)
        finally:
            if self.task is asyncio.current_task():
                self.task = None

    async def close(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.cancel()
        for _, waiters in self.waiting.values():
            for done in waiters:
                done.cancel()
        self.waiting.clear()
