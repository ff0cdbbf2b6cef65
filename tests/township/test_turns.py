"""A server process lets its reads (a counter's state, a pull) go before a write that has not
started yet, for a bounded time; the Server-Timing header says how long a request waited."""

from __future__ import annotations

import asyncio
import threading


from kiosk.township import turns
from kiosk.township.timing import server_ms


async def _until(condition) -> None:
    for _ in range(5000):                      # polls for an event; no assert on how long it took
        if condition():
            return
        await asyncio.sleep(0.001)


async def write_after(mine: turns.Turns, reading: asyncio.Task, release, order: list[str]) -> turns.Turns:
    """A write asked for while `reading` is under way (waiting for `release`): 'held N' goes in
    `order` once the write waits (or the read is done), then the read is let go."""
    await asyncio.sleep(0)                    # the read is under way, waiting
    write = asyncio.create_task(mine.write(lambda: order.append("write")))
    await _until(lambda: mine.held or order)
    order.append(f"held {mine.held}")
    release()
    await asyncio.gather(reading, write)
    return mine


async def _a_write_while_a_read_runs(order: list[str]) -> turns.Turns:
    mine, release = turns.Turns(), threading.Event()
    read = asyncio.create_task(mine.read(lambda: (release.wait(10), order.append("read"))))
    return await write_after(mine, read, release.set, order)


def test_a_write_waits_for_the_reads_under_way():
    order: list[str] = []
    mine = asyncio.run(_a_write_while_a_read_runs(order))
    assert order == ["held 1", "read", "write"] and mine.reads == 0 and mine.held == 0


def test_a_write_waits_no_longer_than_reads_first_s(monkeypatch):
    monkeypatch.setattr(turns, "READS_FIRST_S", 0.0)
    order: list[str] = []
    asyncio.run(_a_write_while_a_read_runs(order))
    assert order == ["write", "held 0", "read"]


def test_the_answer_says_how_long_it_waited_and_worked(enrol):
    answer = enrol().state()
    assert answer.status_code == 200
    parts = {name: server_ms(answer.headers, name) for name in ("app", "wait", "work")}
    assert all(value is not None and value >= 0 for value in parts.values()), answer.headers
    assert parts["wait"] + parts["work"] <= parts["app"]


async def _reads_done(mine: turns.Turns, count: int) -> None:
    for _ in range(count):
        await mine.read(lambda: None)


async def _a_write_after_reads(count: int, order: list[str]) -> turns.Turns:
    """`count` reads, each done before the next, then a write: 'held N' goes in `order` once the
    write is waiting or done."""
    mine = turns.Turns()
    await _reads_done(mine, count)
    write = asyncio.create_task(mine.write(lambda: order.append("write")))
    await _until(lambda: mine.held or order)
    order.append(f"held {mine.held}")
    await asyncio.wait_for(write, 30)
    return mine


def test_after_a_crowd_of_reads_a_write_waits_for_a_lull(monkeypatch):
    """A crowd's reads all done: the write still waits (more of the crowd may be coming), then goes
    once no read has started for LULL_S."""
    monkeypatch.setattr(turns, "CROWD_S", 3600.0)
    monkeypatch.setattr(turns, "LULL_S", 1.0)               # longer than a busy machine's thread hop
    monkeypatch.setattr(turns, "READS_FIRST_S", 3600.0)     # it goes on the lull, not on the deadline
    order: list[str] = []
    asyncio.run(_a_write_after_reads(turns.CROWD, order))
    assert order == ["held 1", "write"]


def test_a_few_reads_are_no_crowd_and_a_write_after_them_goes_at_once(monkeypatch):
    """A counter's state then its push (or a few rounds): the push does not wait."""
    monkeypatch.setattr(turns, "CROWD_S", 3600.0)
    monkeypatch.setattr(turns, "LULL_S", 3600.0)
    order: list[str] = []
    asyncio.run(_a_write_after_reads(turns.CROWD - 1, order))
    assert order == ["write", "held 0"]


def test_reads_spread_out_are_no_crowd(monkeypatch):
    monkeypatch.setattr(turns, "CROWD_S", 0.0)               # no two reads start in the same instant
    monkeypatch.setattr(turns, "LULL_S", 3600.0)
    order: list[str] = []
    asyncio.run(_a_write_after_reads(turns.CROWD * 3, order))
    assert order == ["write", "held 0"]


def test_after_a_crowd_a_write_waits_no_longer_than_reads_first_s(monkeypatch):
    monkeypatch.setattr(turns, "CROWD_S", 3600.0)
    monkeypatch.setattr(turns, "LULL_S", 3600.0)
    monkeypatch.setattr(turns, "READS_FIRST_S", 1.0)
    order: list[str] = []
    asyncio.run(_a_write_after_reads(turns.CROWD, order))
    assert order == ["held 1", "write"]
