"""A round's last contact, noted once a minute, with those of the rounds due meanwhile: on SQLite in
one transaction (kiosk.township.contact_notes), as on PostgreSQL in one statement. Every terminal's
contact is noted after a crowd, while the process goes on serving; on SQLite a round does not wait
for its note, and a note that fails is logged while its round is answered as ever (the next round
notes it)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import httpx

from kiosk.sync.wire import signed_headers
from kiosk.township.app import create_app
from tests.township.conftest import ONLY_SQLITE


def _statements(store) -> list[str]:
    """Every statement the store's SQLite connection for last contacts runs from now on."""
    seen: list[str] = []
    store.notes_db().conn.set_trace_callback(seen.append)
    return seen


def _last_contacts(store, tills) -> list:
    return [store.one("SELECT last_contact FROM terminal WHERE id = ?", (t.id,))[0] for t in tills]


async def _states_at_once(app, tills, clock) -> list[httpx.Response]:
    """Every terminal's state asked at the same moment, on one event loop (a crowd on one worker)."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://township") as http:
            answers = await asyncio.gather(*(
                http.get("/v1/state", headers=signed_headers(t.id, t.secret, "GET", "/v1/state", b"", clock()))
                for t in tills))
            await app.state.store.contacts_written()     # the process still serving
            return answers


def test_after_a_crowd_every_terminals_last_contact_is_noted_and_each_answered_its_own(enrol, client, clock,
                                                                                         db_path, backend):
    tills = [enrol(name=f"收银台{n}") for n in range(30)]
    clock.now += 61                   # every round of the crowd is due to note its contact
    app = create_app(db_path, clock)
    seen = _statements(app.state.store) if backend == "sqlite" else []
    answers = asyncio.run(_states_at_once(app, tills, clock))
    assert [(a.status_code, a.json()["terminal_id"]) for a in answers] == [(200, t.id) for t in tills]
    assert _last_contacts(client.app.state.store, tills) == [client.app.state.store.now_text()] * len(tills)
    if backend == "sqlite":           # written together: fewer transactions than rounds
        assert 1 <= sum(s == "COMMIT" for s in seen) < len(tills)


@ONLY_SQLITE
def test_on_sqlite_the_notes_due_while_one_is_written_go_in_one_transaction(admin, clock):
    """The first note's transaction waits for the database's one writer (another process holds it);
    the ten asked meanwhile go, after it, in one transaction of their own: two commits for eleven notes."""
    from kiosk.township.store import Store
    codes = [admin.issue_code("青石村")["code"] for _ in range(11)]
    terminals = [admin.enrol(code, f"收银台{n}") for n, code in enumerate(codes)]
    store, other = Store(admin.target, clock), sqlite3.connect(admin.target, isolation_level=None)
    seen = _statements(store)

    async def crowd() -> None:
        other.execute("BEGIN IMMEDIATE")
        first = asyncio.create_task(store.touch_on_loop({"id": terminals[0]["terminal_id"]}))
        while store.contact_notes.waiting or store.contact_notes.task is None:   # the first batch taken
            await asyncio.sleep(0)
        rest = [asyncio.create_task(store.touch_on_loop({"id": t["terminal_id"]})) for t in terminals[1:]]
        while len(store.contact_notes.waiting) < len(rest):
            await asyncio.sleep(0)
        other.execute("ROLLBACK")
        await asyncio.gather(first, *rest)
        await asyncio.wait_for(store.contacts_written(), 30)
        await store.close_loop()
    try:
        asyncio.run(crowd())
        assert [s for s in seen if s.split()[0] in ("BEGIN", "COMMIT")] == ["BEGIN IMMEDIATE", "COMMIT"] * 2
        assert sum(s.startswith("UPDATE terminal SET last_contact") for s in seen) == len(terminals)
        stamps = [store.one("SELECT last_contact FROM terminal WHERE id = ?", (t["terminal_id"],))[0]
                  for t in terminals]
        assert stamps == [store.now_text()] * len(terminals)
    finally:
        other.close()
        store.close()


@ONLY_SQLITE
def test_on_sqlite_a_note_that_fails_leaves_its_round_answered_and_the_next_round_notes_it(enrol, client, clock,
                                                                                           db_path, caplog):
    """Chosen: the answer does not depend on the last contact, so a failed note is logged and the
    round answered as ever; the contact is still old, so the next round is due and notes it."""
    till, store = enrol(), client.app.state.store
    assert till.state().status_code == 200
    client.portal.call(store.contacts_written)
    before = _last_contacts(store, [till])
    expected = till.state().json()
    clock.now += 61
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("CREATE TRIGGER no_room BEFORE UPDATE OF last_contact ON terminal"
                  " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")   # the write fails
    try:
        with caplog.at_level(logging.WARNING, "kiosk.township"):
            answer = till.state()
            client.portal.call(store.contacts_written)
    finally:
        other.execute("DROP TRIGGER no_room")
        other.close()
    assert answer.status_code == 200
    assert {k: v for k, v in answer.json().items() if k != "server_time"} == \
        {k: v for k, v in expected.items() if k != "server_time"}
    assert _last_contacts(store, [till]) == before
    assert "were not noted" in caplog.text
    assert till.state().status_code == 200
    client.portal.call(store.contacts_written)
    assert _last_contacts(store, [till]) == [store.now_text()]


@ONLY_SQLITE
def test_on_sqlite_a_round_does_not_wait_for_its_note_nor_do_the_processs_reads(admin, clock, db_path):
    """Another process holds the database's one writer: the round's note waits for it, on a
    connection of its own, while the round goes on and this process reads on; the note lands once
    the writer lets go, the process still serving."""
    from kiosk.township.store import Store
    till = admin.enrol(admin.issue_code("青石村")["code"], "收银台1")
    store, other = Store(db_path, clock), sqlite3.connect(db_path, isolation_level=None)
    begun: list[str] = []
    for conn in (store.db.conn, store.notes_db().conn):       # whichever the note goes on
        conn.set_trace_callback(begun.append)

    async def round_() -> str:
        other.execute("BEGIN IMMEDIATE")
        try:
            touched = asyncio.create_task(store.touch_on_loop({"id": till["terminal_id"]}))
            while "BEGIN IMMEDIATE" not in begun:      # its transaction waits for the writer
                await asyncio.sleep(0.001)
            row = await store.terminal_on_loop(till["terminal_id"])
            assert row["id"] == till["terminal_id"] and touched.done()
        finally:
            other.execute("ROLLBACK")
        await asyncio.wait_for(store.contacts_written(), 30)
        noted = other.execute("SELECT last_contact FROM terminal WHERE id = ?", (till["terminal_id"],)).fetchone()[0]
        await store.close_loop()
        return noted
    try:
        assert asyncio.run(round_()) == store.now_text()
    finally:
        other.close()
        store.close()


@ONLY_SQLITE
def test_on_sqlite_a_process_stopping_writes_the_notes_it_holds_first(admin, clock, db_path):
    from kiosk.township.store import Store
    till = admin.enrol(admin.issue_code("青石村")["code"], "收银台1")
    store = Store(db_path, clock)

    async def served() -> None:
        await store.open_loop()
        await store.touch_on_loop({"id": till["terminal_id"]})
        await store.close_loop()
    try:
        asyncio.run(served())
        assert admin.one("SELECT last_contact FROM terminal WHERE id = ?", (till["terminal_id"],))[0] == \
            store.now_text()
    finally:
        store.close()


@ONLY_SQLITE
def test_a_note_written_after_a_later_contact_does_not_take_it_back(enrol, client):
    """A round's note lands after other writes (a push noting its own contact meanwhile): the later stays."""
    from kiosk.township.tables import terminals
    store = client.app.state.store
    till = enrol(name="收银台")
    with store.write() as conn:
        conn.execute("UPDATE terminal SET last_contact = ? WHERE id = ?", ("2026-12-06 10:00:05", till.id))
    with store.write() as conn:
        terminals.note_contacts(conn, {till.id: "2026-12-06 10:00:01"})
    assert _last_contacts(store, [till]) == ["2026-12-06 10:00:05"]
    with store.write() as conn:
        terminals.note_contacts(conn, {till.id: "2026-12-06 10:01:01"})
    assert _last_contacts(store, [till]) == ["2026-12-06 10:01:01"]
