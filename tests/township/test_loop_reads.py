"""A counter's state round reads its terminal row on the event loop itself, with no thread of the
worker (PostgreSQL: psycopg's async connections; SQLite: a connection of the loop's own):
the same answers as through a thread, 503 with Retry-After when PostgreSQL goes away, and a
write still lets that read go first. On PostgreSQL the minute's note of its last contact too."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading

import pytest

from kiosk.township import turns
from tests.township.test_turns import write_after


def _threads_used(monkeypatch) -> list:
    used = []
    real = turns.to_thread.run_sync

    async def counted(run, *args, **kw):
        used.append(run)
        return await real(run, *args, **kw)
    monkeypatch.setattr(turns.to_thread, "run_sync", counted)
    return used


def test_a_nothing_new_state_takes_no_thread(enrol, client, monkeypatch):
    till = enrol()
    assert till.state().status_code == 200           # the minute's first round notes the last contact
    client.portal.call(client.app.state.store.contacts_written)    # SQLite: in a thread, after the answer
    used = _threads_used(monkeypatch)
    answer = till.state()
    assert answer.status_code == 200 and answer.json()["terminal_id"] == till.id
    assert used == []


def test_the_state_read_on_the_loop_is_the_state_read_in_a_thread(enrol, client, monkeypatch):
    till = enrol()
    assert till.push(till.entries(3)).status_code == 200
    on_loop = till.state().json()
    monkeypatch.setattr(client.app.state.store, "reads_on_loop", lambda: False)
    in_thread = till.state().json()
    assert on_loop == in_thread and on_loop["high_water"] == 3 and on_loop["last_id"]


def test_a_state_whose_database_went_away_answers_503_then_recovers(enrol, client, backend, pg_cluster):
    if backend == "sqlite":
        pytest.skip("a SQLite file does not go away under a running server")
    till = enrol()
    assert till.state().status_code == 200
    import psycopg
    with psycopg.connect(pg_cluster.admin_url, autocommit=True) as conn:   # the database server drops us
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     " WHERE datname = %s AND pid != pg_backend_pid()", (client.app.state.store.target.rsplit("/", 1)[1],))
    answer = till.state()
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "30"
    assert answer.json()["error"] == "db_unavailable"
    again = till.state()
    assert again.status_code == 200 and again.json()["terminal_id"] == till.id


def test_a_state_signed_wrongly_is_refused_before_its_answer_on_either_path(enrol):
    till = enrol()
    assert till.call("GET", "/v1/state", secret="0" * 64).status_code == 401


async def _a_write_while_a_read_on_the_loop_runs(order: list[str]) -> turns.Turns:
    mine, release = turns.turns(), asyncio.Event()

    async def read() -> None:
        await release.wait()
        order.append("read")
    return await write_after(mine, asyncio.create_task(turns.on_loop(read)), release.set, order)


def test_a_write_waits_for_a_read_on_the_loop():
    order: list[str] = []
    mine = asyncio.run(_a_write_while_a_read_on_the_loop_runs(order))
    assert order == ["held 1", "read", "write"] and mine.reads == 0


def test_on_sqlite_a_state_is_answered_on_the_loop_while_a_write_holds_the_connection(enrol, client, backend,
                                                                                     monkeypatch):
    """A push holds the store's connection while it waits for the database's one writer (another
    process's push): a state is read on the event loop's own connection meanwhile, not queued
    behind it in a thread, and sees what is committed, not the write under way."""
    if backend == "postgresql":
        pytest.skip("PostgreSQL reads on its own connections, never behind a write")
    till, used = _pushed_and_noted(enrol, client, monkeypatch, 3)
    store = client.app.state.store
    held, answered = threading.Event(), threading.Event()

    def a_write() -> None:
        with contextlib.suppress(_RolledBack), store.write() as conn:
            conn.execute("UPDATE terminal SET high_water = 99 WHERE id = ?", (till.id,))
            held.set()
            answered.wait(10)           # the connection held until the state is answered
            raise _RolledBack
    writer = threading.Thread(target=a_write)
    writer.start()
    held.wait(10)
    answer = till.state()
    answered.set()
    writer.join(10)
    assert answer.status_code == 200 and answer.json()["high_water"] == 3 and used == []


class _RolledBack(Exception):
    pass


def _pushed_and_noted(enrol, client, monkeypatch, entries: int):
    """A counter that pushed `entries` and made its round (its last contact written): then the
    threads the next requests use, counted."""
    till = enrol()
    assert till.push(till.entries(entries)).status_code == 200
    assert till.state().status_code == 200
    client.portal.call(client.app.state.store.contacts_written)
    return till, _threads_used(monkeypatch)


def test_on_sqlite_a_state_that_cannot_use_the_loops_connection_reads_in_a_thread(enrol, client, backend,
                                                                                 monkeypatch):
    """Another event loop of the process reading on that connection (tests' several clients): the
    state is read as before, on the store's connection in a thread."""
    if backend == "postgresql":
        pytest.skip("PostgreSQL: its loop connections are another path (kiosk.township.loop_reads)")
    till, used = _pushed_and_noted(enrol, client, monkeypatch, 2)
    with client.app.state.store._loop_reading:
        answer = till.state()
    assert answer.status_code == 200 and answer.json()["high_water"] == 2 and len(used) == 1


def _last_contact(client, till) -> str | None:
    return client.app.state.store.one("SELECT last_contact FROM terminal WHERE id = ?", (till.id,))[0]


def test_on_postgresql_the_minutes_first_state_notes_the_last_contact_without_a_thread(enrol, client, clock,
                                                                                        backend, monkeypatch):
    if backend == "sqlite":
        pytest.skip("SQLite writes the last contact in a thread, after the answer")
    till = enrol()
    assert till.state().status_code == 200
    clock.now += 61
    used = _threads_used(monkeypatch)
    answer = till.state()
    assert answer.status_code == 200 and answer.json()["terminal_id"] == till.id and used == []
    client.portal.call(client.app.state.store.contacts_written)       # noted after the answer
    assert _last_contact(client, till) == client.app.state.store.now_text()


def test_on_postgresql_a_state_does_not_wait_for_a_terminal_row_another_transaction_holds(enrol, client, clock,
                                                                                           backend, pg_cluster):
    """The state is answered at once, its note of the contact left to the holder (a push notes it
    as it stores). Were the row waited for, the holder would let go after a while and the note land."""
    if backend == "sqlite":
        pytest.skip("SQLite writes the last contact in a thread, one writer at a time")
    till = enrol()
    assert till.state().status_code == 200
    client.portal.call(client.app.state.store.contacts_written)
    before = _last_contact(client, till)
    clock.now += 61
    import psycopg
    with psycopg.connect(client.app.state.store.target) as holder:
        holder.execute("SELECT 1 FROM terminal WHERE id = %s FOR UPDATE", (till.id,))
        letting_go = threading.Timer(5, holder.rollback)      # only if the state waited for the row
        letting_go.start()
        try:
            answer = till.state()
            client.portal.call(client.app.state.store.contacts_written)   # passed over, not waited for
        finally:
            letting_go.cancel()
        holder.rollback()
    assert answer.status_code == 200 and answer.json()["terminal_id"] == till.id
    assert _last_contact(client, till) == before
    clock.now += 61
    assert till.state().status_code == 200
    client.portal.call(client.app.state.store.contacts_written)
    assert _last_contact(client, till) == client.app.state.store.now_text()


def test_on_sqlite_the_loops_connection_sees_each_commit_made_after_it_opened(enrol, client, backend, monkeypatch):
    """A read on the loop's connection keeps no snapshot: a push after its first read is in the next."""
    if backend == "postgresql":
        pytest.skip("PostgreSQL: its loop connections are another path (kiosk.township.loop_reads)")
    till, used = _pushed_and_noted(enrol, client, monkeypatch, 2)
    assert till.push(till.entries(3, account="A2")).status_code == 200
    used.clear()                                   # the push's own thread
    answer = till.state()
    assert answer.status_code == 200 and answer.json()["high_water"] == 5 and used == []


def test_on_postgresql_a_note_that_fails_is_logged_and_the_round_still_answered(enrol, client, clock, backend,
                                                                                monkeypatch, caplog):
    if backend == "sqlite":
        pytest.skip("SQLite's notes: tests/township/test_contact_notes.py")
    import psycopg

    from kiosk.township.tables import terminals
    store = client.app.state.store
    till = enrol()
    assert till.state().status_code == 200
    client.portal.call(store.contacts_written)
    before = _last_contact(client, till)
    clock.now += 61
    real = store.loop_reads.by_key

    async def failing(key, one, many, first=()):
        if one == terminals.NOTE_CONTACT:
            raise psycopg.OperationalError("the database went away")
        return await real(key, one, many, first)
    monkeypatch.setattr(store.loop_reads, "by_key", failing)
    with caplog.at_level(logging.WARNING, logger="kiosk.township"):
        answer = till.state()
        client.portal.call(store.contacts_written)
    assert answer.status_code == 200 and answer.json()["terminal_id"] == till.id
    assert _last_contact(client, till) == before and "was not noted" in caplog.text


def test_on_postgresql_a_closing_loop_writes_the_notes_on_their_way_first(enrol, client, clock, backend, db_path):
    if backend == "sqlite":
        pytest.skip("SQLite's notes: tests/township/test_contact_notes.py")
    till = enrol()
    clock.now += 61
    stamp = _noted_then_closed(db_path, clock, till.id)
    assert _last_contact(client, till) == stamp


def test_on_postgresql_a_late_note_never_takes_a_later_contact_back(enrol, client, clock, backend, db_path):
    """A note not waited for may land after the terminal's next push noted a later contact."""
    if backend == "sqlite":
        pytest.skip("SQLite's notes: tests/township/test_contact_notes.py")
    till = enrol()
    store = client.app.state.store
    store.note("UPDATE terminal SET last_contact = ? WHERE id = ?", (store.now_text(), till.id))
    _noted_then_closed(db_path, lambda: clock() - 3600, till.id)      # its round began an hour before
    assert _last_contact(client, till) == store.now_text()


def _noted_then_closed(db_path, clock, terminal_id: str) -> str:
    """A server process's loop that notes the terminal's last contact (handed over, not waited for)
    and closes at once; the stamp it noted."""
    from kiosk.township.store import Store
    other = Store(db_path, clock)

    async def noted_then_closed() -> None:
        await other.open_loop()
        await other.touch_on_loop(other.terminal(terminal_id))
        await other.close_loop()
    try:
        asyncio.run(noted_then_closed())
    finally:
        other.close()
    return other.now_text()
