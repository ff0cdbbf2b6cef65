"""PostgreSQL reads made on a server process's event loop itself, gathered: one statement for a crowd.

A counter's nothing-new round is its terminal row, one statement (kiosk.township.tables.terminals
FOR_ROUND): read over psycopg's async connections it needs no hop to a thread of the worker and
back, which costs more CPU than the statement. When counters ask at the same moment (a village's
counters after a power cut, a county's at the start of the day), the rows asked for while every
connection is busy are read together, in the next statement to start, `WHERE id = ANY(…)`: one
round trip, one pool checkout and one execution for many (FOR_ROUNDS), where each had cost the
worker and the database more CPU than its row.

No answer changes. A row is read by a statement that starts after it was asked for (a waiting key
joins the next statement, never one already sent), so it sees every commit made before the
request came in, as a statement of its own would; and every row of a statement is of one snapshot.

A round's last contact, when due, is noted the same way (an UPDATE for the terminals due meanwhile).

Opened in the loop that serves (the app's lifespan) and used only there (`here`); a read
elsewhere goes through the worker's threads (kiosk.township.db.PgPool).
"""

from __future__ import annotations

import asyncio
import contextvars
from contextlib import suppress
from time import perf_counter

from kiosk.township.db import POOL_WAIT_S, _row_factory, to_postgres, unavailable_errors
from kiosk.township.timing import spent

MOST_IN_ONE = 64          # keys read by one statement at most: two connections still share a crowd


async def _configure(conn) -> None:
    """A statement's plan made once per connection (its statements are prepared at their first
    use): for `id = ANY($1)` PostgreSQL would otherwise plan it anew at every use, the array's
    length unknown, which costs more than running it. What these connections write (last
    contacts, for people to read; no answer reads them) is not waited for to reach the disk: a
    crash of the database may lose the last second or so of them (three times wal_writer_delay), which
    the next rounds write again."""
    await conn.execute("SET plan_cache_mode = force_generic_plan")
    await conn.execute("SET synchronous_commit = off")


def _statement(sql: tuple, keys: list[str]) -> tuple[str, tuple]:
    """A key alone is read by the statement for one: an array costs each side a little more."""
    one, many, first = sql
    return (to_postgres(one), (*first, keys[0])) if len(keys) == 1 else (to_postgres(many), (*first, keys))


class _Asked:
    __slots__ = ("key", "answer", "started")

    def __init__(self, key: str, answer: asyncio.Future) -> None:
        self.key, self.answer, self.started = key, answer, 0.0


class PgLoopReads:
    """The async connections of one event loop, and the keys waiting for the next statement."""

    def __init__(self, url: str, size: int) -> None:
        self.url, self.size = url, max(size, 1)
        self.loop = self.pool = None
        self.waiting: dict[tuple, list[_Asked]] = {}   # by statement and first parameters
        self.running = 0                               # statements sent and not yet answered
        self.tasks: set[asyncio.Task] = set()

    async def open(self) -> None:
        """A new pool for the running loop (a pool closed cannot open again; an app may serve twice)."""
        from psycopg_pool import AsyncConnectionPool

        await self.close()
        self.pool = AsyncConnectionPool(self.url, min_size=self.size, max_size=self.size, timeout=POOL_WAIT_S, open=False,
                                        kwargs={"autocommit": True, "row_factory": _row_factory, "connect_timeout": 10,
                                                "prepare_threshold": 0}, configure=_configure, name="township-loop")
        await self.pool.open()
        self.loop = asyncio.get_running_loop()

    def here(self) -> bool:
        """Whether a read may go here: the running event loop is the one these connections belong to."""
        try:
            return self.loop is not None and asyncio.get_running_loop() is self.loop
        except RuntimeError:
            return False

    async def by_key(self, key: str, one: str, many: str, first: tuple = ()):
        """The row whose `id` is `key` (or None), read together with the keys asked for meanwhile:
        by `many`, a statement whose last `?` is the array of keys (`WHERE id = ANY(?)`), or by
        `one`, the same for one key (`WHERE id = ?`), when it is alone; the parameters `first`
        before it (the keys asked with the same ones go together). A SELECT, or an UPDATE …
        RETURNING id. Server-Timing's `wait` takes the time it waited for its statement to start.
        Raises what the statement raised."""
        sql = (one, many, first)
        asked = _Asked(key, self.loop.create_future())
        queued = perf_counter()
        self.waiting.setdefault(sql, []).append(asked)
        if self.running < self.size:         # a connection is free: the statement is sent by this request
            await self._read(sql, self._next(sql))
        row = await asked.answer
        spent("wait", asked.started - queued)
        return row

    def _next(self, sql: tuple) -> list[_Asked]:
        """The keys of the next statement for `sql`: those waiting now, the first first."""
        waiting = self.waiting[sql]
        batch, self.waiting[sql] = waiting[:MOST_IN_ONE], waiting[MOST_IN_ONE:]
        if not self.waiting[sql]:
            del self.waiting[sql]
        self.running += 1
        return batch

    def _start(self, sql: tuple) -> None:
        """The next statement for `sql`, sent by a task of its own (no request's context: each
        waiter's Server-Timing is its own)."""
        task = self.loop.create_task(self._read(sql, self._next(sql)), context=contextvars.Context())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _read(self, sql: tuple, batch: list[_Asked]) -> None:
        """One statement for the batch's keys, each waiter answered its row."""
        try:
            started = perf_counter()
            for asked in batch:
                asked.started = started
            try:
                async with self.pool.connection() as conn:
                    cursor = await conn.execute(*_statement(sql, [*{a.key: None for a in batch}]))
                    rows = {row["id"]: row for row in await cursor.fetchall()}
            except Exception as exc:  # noqa: BLE001  (each waiter raises it)
                await self._failed(batch, exc)
                return
            except asyncio.CancelledError:     # its request (then the batch is that request's key alone,
                for asked in batch:           # a free connection meaning nobody else waited), or closing
                    asked.answer.cancel()
                raise
            for asked in batch:
                if not asked.answer.done():
                    asked.answer.set_result(rows.get(asked.key))
        finally:
            self.running -= 1
            if self.waiting and self.loop is not None:
                self._start(next(iter(self.waiting)))

    async def _failed(self, batch: list[_Asked], exc: Exception) -> None:
        if isinstance(exc, unavailable_errors()):
            await self.drop_broken()           # once for the statement, not once per waiter
        for asked in batch:
            if not asked.answer.done():
                asked.answer.set_exception(exc)

    async def drop_broken(self) -> None:
        with suppress(Exception):
            await self.pool.check()

    async def close(self) -> None:
        pool, self.loop, self.pool = self.pool, None, None
        for task in list(self.tasks):
            task.cancel()
        for waiting in self.waiting.values():
            for asked in waiting:
                asked.answer.cancel()
        self.waiting.clear()
        if pool is not None:
            await pool.close()
