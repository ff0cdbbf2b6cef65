"""Whose turn it is in one server process: database work off the event loop, reads first.

Every request's database work runs in the worker's thread pool, so the event loop keeps
reading other requests (and answering uvicorn's liveness pings) while one waits for the
database. Writes queue for the database's one writer: they get a few threads of their own
(WRITING_THREADS), so a crowd pushing at once never takes the threads a nothing-new round
needs; and a write not yet started lets the reads of this process go first (a counter's
state, a pull), for at most READS_FIRST_S, so a nothing-new round never queues behind a
crowd's pushes on the 2 CPUs and the GIL they share, and a push still never waits for ever.
What is kept here is only the scheduling of this process's own requests: nothing that
several processes must agree on.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from time import perf_counter

from anyio import CapacityLimiter, to_thread

from kiosk.township.timing import so_far, spent

WRITING_THREADS = 4              # of a process's threads, the most that pushes and other writes take
READS_FIRST_S = 0.5              # the longest a write not yet started lets this process's reads go first


class Turns:
    """One event loop's writing threads, and the reads it has under way."""

    def __init__(self) -> None:
        self.writing = CapacityLimiter(WRITING_THREADS)
        self.reads = 0
        self.no_reads = asyncio.Event()
        self.no_reads.set()
        self.held = 0                # writes waiting for the reads to be done (for the tests)

    async def read(self, run: Callable):
        with self.reading():
            return await to_thread.run_sync(run)

    @contextmanager
    def reading(self) -> Iterator[None]:
        self.reads += 1
        self.no_reads.clear()
        try:
            yield
        finally:
            self.reads -= 1
            if not self.reads:
                self.no_reads.set()

    async def write(self, run: Callable):
        if self.reads:
            self.held += 1
            try:
                await asyncio.wait_for(self.no_reads.wait(), READS_FIRST_S)
            except TimeoutError:
                pass                 # reads without end: the write goes now all the same
            finally:
                self.held -= 1
        return await to_thread.run_sync(run, limiter=self.writing)


_turns: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def turns() -> Turns:
    loop = asyncio.get_running_loop()          # a limiter and an event belong to one event loop
    found = _turns.get(loop)
    if found is None:
        found = _turns[loop] = Turns()
    return found


async def off_loop(work: Callable, *args, writing: bool = False):
    """`work(*args)` in the worker's thread pool: a write after this process's reads (see above).
    Server-Timing's `wait` is the time before it started, `work` the time it took."""
    queued = perf_counter()

    def timed():
        started = perf_counter()
        try:
            return work(*args)
        finally:
            spent("wait", started - queued)
            spent("work", perf_counter() - started)
    mine = turns()
    return await (mine.write(timed) if writing else mine.read(timed))


async def on_loop(work: Callable[..., Awaitable], *args):
    """`await work(*args)` on the event loop itself, for a read that needs no thread (PostgreSQL's
    async connections, kiosk.township.db.PgLoopReads): counted among this process's reads, so a
    write lets it go first as it does a read in a thread. Server-Timing's `wait` is the time it waited
    for a connection, `work` the rest of the time it took."""
    started, before = perf_counter(), so_far("wait") + so_far("work")
    spent("wait", 0.0)
    try:
        with turns().reading():
            return await work(*args)
    finally:       # what a part of it sent to a thread (off_loop) counted already is not counted twice
        spent("work", perf_counter() - started - (so_far("wait") + so_far("work") - before))
