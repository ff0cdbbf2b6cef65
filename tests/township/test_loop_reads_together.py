"""PostgreSQL: the rows asked for on the event loop while every connection is busy are read together,
in the next statement to start (kiosk.township.loop_reads), and nothing a counter is answered changes:
each waiter gets its own row (asked with the same other parameters), a row asked for after a statement was sent is never taken from it (it
would miss what was committed since), and a failed statement fails its waiters only."""

from __future__ import annotations

import asyncio

import psycopg
import pytest

from kiosk.township.loop_reads import PgLoopReads
from kiosk.township.store import Store

# which statement read a row: one number per statement (an uncorrelated subquery runs once)
NUMBERED = "SELECT id, v, (SELECT nextval('statements')) AS statement FROM kv WHERE id = ANY(?)"
# a statement that, once its snapshot is taken, waits while the test holds advisory lock 7
HELD = ("SELECT id, v FROM kv WHERE id = ANY(?)"
        " AND (SELECT count(*) FROM (SELECT pg_advisory_xact_lock_shared(7)) AS held) = 1")
FAILING = "SELECT id, 1 / (v - v) AS v FROM kv WHERE id = ANY(?)"
# a parameter before the keys (as a last contact's stamp)
WITH_FIRST = "SELECT id, v, ?::int AS f, (SELECT nextval('statements')) AS statement FROM kv WHERE id = ANY(?)"


def _read(reads, sql: str, key: str):
    """The key read by `sql`, or by its form for one key when alone."""
    return reads.by_key(key, sql.replace("id = ANY(?)", "id = ?"), sql)


@pytest.fixture
def kv(pg_cluster):
    url = pg_cluster.fresh(schema=False)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE kv (id TEXT PRIMARY KEY, v INTEGER NOT NULL)")
        conn.execute("CREATE SEQUENCE statements")
        conn.execute("INSERT INTO kv VALUES ('a', 1), ('b', 2), ('c', 3)")
    yield url
    pg_cluster.drop(url)


def _run(url: str, scenario, size: int = 1):
    async def opened():
        reads = PgLoopReads(url, size)
        await reads.open()
        try:
            return await asyncio.wait_for(scenario(reads), 30)
        finally:
            await reads.close()
    return asyncio.run(opened())


def test_rows_asked_while_the_connection_is_busy_come_in_one_statement_each_its_own(kv):
    async def scenario(reads):
        asked = [asyncio.create_task(_read(reads, NUMBERED, key)) for key in ("a", "b", "c", "a", "nobody")]
        return await asyncio.gather(*asked)
    first, b, c, a_again, nobody = _run(kv, scenario)
    assert (first["id"], first["v"], b["id"], b["v"], c["id"], c["v"], a_again["id"], a_again["v"]) == \
        ("a", 1, "b", 2, "c", 3, "a", 1)
    assert nobody is None
    assert b["statement"] == c["statement"] == a_again["statement"] != first["statement"]


def test_keys_asked_with_other_first_parameters_go_in_a_statement_of_their_own(kv):
    async def scenario(reads):
        one = WITH_FIRST.replace("id = ANY(?)", "id = ?")
        asked = [asyncio.create_task(reads.by_key(key, one, WITH_FIRST, (first,)))
                 for key, first in (("a", 1), ("b", 1), ("c", 2), ("a", 1))]
        return await asyncio.gather(*asked)
    first, b, c, a_again = _run(kv, scenario)
    assert [(r["id"], r["f"]) for r in (first, b, c, a_again)] == [("a", 1), ("b", 1), ("c", 2), ("a", 1)]
    assert b["statement"] == a_again["statement"] != c["statement"]


def test_a_row_asked_while_a_statement_for_it_runs_sees_what_was_committed_since(kv):
    """The first read's snapshot is taken, then it waits on the lock; the value changes and is
    committed; a second read of the same row, asked now, must see the new value, not share the first's."""
    with psycopg.connect(kv, autocommit=True) as holder, psycopg.connect(kv, autocommit=True) as writer:
        holder.execute("SELECT pg_advisory_lock(7)")

        async def scenario(reads):
            first = asyncio.create_task(_read(reads, HELD, "a"))
            while not writer.execute("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                     " AND query LIKE '%pg_advisory_xact_lock_shared%'").fetchone():
                await asyncio.sleep(0.01)
            writer.execute("UPDATE kv SET v = 10 WHERE id = 'a'")
            second = asyncio.create_task(_read(reads, HELD, "a"))
            await asyncio.sleep(0)             # the second read has asked (tasks run in the order made)
            holder.execute("SELECT pg_advisory_unlock(7)")
            return await first, await second
        before, after = _run(kv, scenario)
    assert before["v"] == 1 and after["v"] == 10


def test_a_failed_statement_fails_its_waiters_and_the_next_statement_is_read(kv):
    async def scenario(reads):
        failing = [asyncio.create_task(_read(reads, FAILING, key)) for key in ("a", "b")]
        answers = await asyncio.gather(*failing, return_exceptions=True)
        return answers, await _read(reads, NUMBERED, "c")
    answers, after = _run(kv, scenario)
    assert [type(a) for a in answers] == [psycopg.errors.DivisionByZero] * 2
    assert after["v"] == 3


def test_terminal_rows_read_together_are_the_rows_read_one_by_one(pg_cluster, enrol, admin, db_path, backend):
    """The state's row read with others (FOR_ROUNDS) is, column for column, the row read alone (FOR_ROUND)."""
    if backend == "sqlite":
        pytest.skip("SQLite reads a state's row alone, on the event loop's own connection")
    tills = [enrol(), enrol(name="收银台2"), enrol("桃源村", "收银台3")]
    assert tills[0].push(tills[0].entries(3)).status_code == 200
    assert tills[2].push(tills[2].entries(2, account="acct-9")).status_code == 200
    ids = [t.id for t in tills] + [tills[0].id, "nobody"]
    store = Store(db_path)
    store.loop_reads = PgLoopReads(db_path, 1)

    async def scenario():
        await store.open_loop()
        try:
            return await asyncio.gather(*(store.terminal_on_loop(tid) for tid in ids))
        finally:
            await store.close_loop()
    try:
        together = asyncio.run(scenario())
        alone = [store.terminal(tid, for_round=True) for tid in ids]
    finally:
        store.close()
    assert [None if r is None else dict(zip(r.keys(), r)) for r in together] == \
        [None if r is None else dict(zip(r.keys(), r)) for r in alone]
    assert together[0]["high_water"] == 3 and together[2]["high_water"] == 2 and together[0]["top"] >= 3
