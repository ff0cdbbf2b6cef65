"""Sync state machine histories that once held an innocent household, played step by step
(tests/property/test_sync_state_machine.py, rules and invariant as they are), with the township on
SQLite and on PostgreSQL: credits one counter's books know, not yet arrived at the township, explain
the overdraft (kiosk/township/tables/holds.py, "credits known but not arrived")."""

from __future__ import annotations

import pytest

import tests.property.rollback_steps as rollback_steps
import tests.property.test_sync_state_machine as machine
from kiosk.township import app as township_app
from kiosk.township import store as township_store
from tests.property.test_sync_state_machine import GOODS, SyncMachine

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def township_on(backend, request, monkeypatch):
    """The machine's township and its mirror on the backend asked (each a fresh PostgreSQL database)."""
    for module in (machine, rollback_steps):
        monkeypatch.setattr(module, "event", lambda *_: None)
    if backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        monkeypatch.setattr(machine, "create_app",
                            lambda _path, clock: township_app.create_app(cluster.fresh(), clock=clock))
        monkeypatch.setattr(machine, "Store", lambda _path, clock: township_store.Store(cluster.fresh(), clock=clock))


def test_two_counters_that_knew_each_others_sales_are_no_overdraft_while_the_first_has_not_synced():
    """Three counters set up from the first one's copy; the first never syncs, so the township lacks the
    awards all three know (张桂兰's 20 points). The second sells her 5, syncs; the third pulls that sale,
    sells 5 more, syncs: she spent 10 of 20 and each sale knew the other, yet the township sees two
    spenders below zero and holds her household until the first counter pushes (found on PostgreSQL
    by a random seed; the same on SQLite)."""
    m = SyncMachine()
    m.build(how_many=3)
    try:
        m.redeem(1, "JF000004", GOODS[1], 1)
        m.sync_round(1, [])
        m.sync_round(2, [])
        m.redeem(2, "JF000004", GOODS[1], 1)
        m.sync_round(2, [])
        assert m.open_holds(m.store) == set(), "an innocent household held"
    finally:
        m.teardown()


def test_a_copy_put_back_that_knew_its_earlier_sale_is_no_overdraft_while_the_first_has_not_synced():
    """Two counters; the first never syncs. The second sells 王小明's household 5 of its 20 points, loses
    its last minutes (a copy put back after a synced sale of another household), sells 5 more and syncs:
    the copy knew the first sale, yet its old and new books count as two spenders below zero (a random
    seed on SQLite)."""
    m = SyncMachine()
    m.build(how_many=2)
    try:
        m.redeem(1, "JF000001", GOODS[1], 1)
        m.counter_loses_its_last_minutes(1, "JF000003", 1, True)
        m.redeem(1, "JF000001", GOODS[1], 1)
        m.sync_round(1, [])
        assert m.open_holds(m.store) == set(), "an innocent household held"
    finally:
        m.teardown()
