"""Whose turn it is in one server process: database work off the event loop, reads first.

A request's database work runs in the worker's thread pool (an unsigned state's read on the
event loop itself: on_loop), so the event loop keeps reading other requests (and answering
uvicorn's liveness pings) while one waits for the database. Writes queue for the database's one
writer: they get a few threads of their own (WRITING_THREADS), so a crowd pushing at once never
takes the threads a nothing-new round needs; and a write not yet started lets the reads of this
process go first (a counter's state, a pull), for at most READS_FIRST_S, so a nothing-new round
never queues behind a crowd's pushes on the 2 CPUs and the GIL they share, and a push still
never waits for ever. When a crowd arrives (the last CROWD reads started within CROWD_S: many
counters in the same instant, whose requests are not all read yet, here or in the other worker
processes), a write also waits for a lull (LULL_S without a new read), not only for the reads
already under way: the crowd's states are answered before its pushes take the CPUs. A counter's
own state before its push, or a few counters' rounds, are no crowd: their pushes go at once.
What is kept here is only the scheduling of this process's own requests: nothing that
several processes must agree on.
"""

from __future__ import annotations

import asyncio
import weakref
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from time import perf_counter

from anyio import CapacityLimiter, to_thread

from kiosk.township.timing import so_far, spent

WRITING_THREADS = 4              # of a process's threads, the most that pushes and other writes take
READS_FIRST_S = 0.5              # the longest a write not yet started lets this process's reads go first
CROWD, CROWD_S = 8, 0.05         # that many reads started within that many seconds: a crowd arriving
LULL_S = 0.2                     # after a crowd, so long without a new read before a write goes (the
                                 # other workers' share of it may still be coming: their reads are not seen here)


class Turns:
    """One event loop's writing threads, and the reads it has under way."""

    def __init__(self) -> None:
        self.writing = CapacityLimiter(WRITING_THREADS)
        self.reads = 0
        self.no_reads = asyncio.Event()
        self.no_reads.set()
        self.held = 0                # writes waiting for the reads, or a crowd's lull (for the tests)
        self.started = deque(maxlen=CROWD)   # when the last CROWD reads started (perf_counter)

    async def read(self, run: Callable):
        with self.reading():
            return await to_thread.run_sync(run)

    @contextmanager
    def reading(self) -> Iterator[None]:
        self.reads += 1
        self.no_reads.clear()
        self.started.append(perf_counter())
        try:
            yield
        finally:
            self.reads -= 1
            if not self.reads:
                self.no_reads.set()

    async def write(self, run: Callable):
        deadline = perf_counter() + READS_FIRST_S
        self.held += 1
        try:
            while (wait := self._reads_first(deadline)) is not None:
                try:
                    await (asyncio.wait_for(self.no_reads.wait(), wait) if self.reads else asyncio.sleep(wait))
                except TimeoutError:
                    pass             # looked at again: the deadline, or a crowd still reading
        finally:
            self.held -= 1
        return await to_thread.run_sync(run, limiter=self.writing)

    def _reads_first(self, deadline: float) -> float | None:
        """How long a write waits before looking again; None: it goes now (no read under way, no
        crowd's reads in the last LULL_S, or its deadline passed)."""
        now = perf_counter()
        if now >= deadline:
            return None
        if self.reads:
            return deadline - now
        if len(self.started) < CROWD or self.started[-1] - self.started[0] > CROWD_S:
            return None              # no crowd
        lull = self.started[-1] + LULL_S
        return min(lull, deadline) - now if lull > now else None


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
    async connections, kiosk.township.loop_reads; SQLite's loop connection): counted among this process's reads, so a
    write lets it go first as it does a read in a thread. Server-Timing's `wait` is the time it waited
    for a connection, `work` the rest of the time it took."""
    started, before = perf_counter(), so_far("wait") + so_far("work")
    spent("wait", 0.0)
    try:
        with turns().reading():
            return await work(*args)
    finally:       # what a part of it sent to a thread (off_loop) counted already is not counted twice
        spent("work", perf_counter() - started - (so_far("wait") + so_far("work") - before))
