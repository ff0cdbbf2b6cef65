"""Requests side by side (PostgreSQL): a push waiting for the database's one writer holds up neither
the worker's event loop nor a nothing-new round; reads do not wait for a write; last contact is
written at most once a minute; every answer says how long the server took (Server-Timing)."""

from __future__ import annotations

import threading

import pytest

from kiosk.township.db import PgDb
from kiosk.township.timing import server_ms
from tests.township.conftest import ONLY_SQLITE

WAIT_S = 30      # only ever reached when the code is broken: the waits below end at once otherwise


def _hold_the_writer(url: str) -> PgDb:
    """Another server's connection holding the writer lock, as a long push elsewhere would."""
    other = PgDb(url)
    other.begin()
    return other


def test_a_push_waiting_for_the_writer_holds_up_no_nothing_new_round(enrol, client, backend, db_path):
    if backend == "sqlite":
        pytest.skip("SQLite: one connection, its requests take turns by design")
    till = enrol()
    assert till.push(till.entries(2)).status_code == 200
    assert till.pull().status_code == 200             # its push judged: the next pull reads only
    other = _hold_the_writer(db_path)
    answers, rounded = {}, threading.Event()

    def nothing_new_round() -> None:
        answers["state"] = state = till.state()
        answers["pull"] = till.pull(since=state.json()["cursor_hint"])
        rounded.set()

    pushing = threading.Thread(target=lambda: answers.setdefault("push", till.push(till.entries(1))))
    pushing.start()
    try:
        assert _someone_waits_for_the_writer(other)
        threading.Thread(target=nothing_new_round).start()
        assert rounded.wait(WAIT_S)                   # answered while the push still waits
        assert answers["state"].status_code == 200 and answers["pull"].status_code == 200
        assert answers["pull"].json()["records"] == [] and "push" not in answers
    finally:
        other.execute("COMMIT")
        other.close()
        pushing.join(WAIT_S)
    assert answers["push"].status_code == 200 and answers["push"].json()["high_water"] == 3


def _someone_waits_for_the_writer(other: PgDb) -> bool:
    for _ in range(3000):          # the push reaches the lock within a few ms; 30 s at the most
        if other.execute("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").fetchone()[0]:
            return True
        threading.Event().wait(0.01)
    return False


def test_a_read_does_not_wait_for_an_open_write(admin, backend):
    if backend == "sqlite":
        pytest.skip("SQLite: one connection, its uses take turns by design")
    inside, release, read = threading.Event(), threading.Event(), {}

    def writer() -> None:
        with admin.write() as conn:
            conn.execute("UPDATE village SET currency = '新积分' WHERE name = '青石村'")
            inside.set()
            release.wait(WAIT_S)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert inside.wait(WAIT_S)
        read["currency"] = admin.one("SELECT currency FROM village WHERE name = '青石村'")[0]
        assert not release.is_set() and thread.is_alive()
    finally:
        release.set()
        thread.join(WAIT_S)
    assert read["currency"] == "美德积分"                   # what was committed, not the open write
    assert admin.one("SELECT currency FROM village WHERE name = '青石村'")[0] == "新积分"


def _last_contact(admin, till) -> str | None:
    return admin.one("SELECT last_contact FROM terminal WHERE id = ?", (till.id,))[0]


def test_last_contact_is_written_at_most_once_a_minute(enrol, admin, clock):
    till = enrol()
    assert till.pull().status_code == 200
    first = _last_contact(admin, till)
    assert first is not None
    clock.now += 59
    assert till.pull().status_code == 200
    assert _last_contact(admin, till) == first              # a round every few seconds writes nothing
    clock.now += 2
    assert till.pull().status_code == 200
    assert _last_contact(admin, till) > first


@ONLY_SQLITE
def test_every_answer_says_how_long_the_server_took(enrol):
    till = enrol()
    for answer in (till.state(), till.pull(), till.push(till.entries(1)), till.call("GET", "/v1/nowhere")):
        took = server_ms(answer.headers)
        assert took is not None and took >= 0
