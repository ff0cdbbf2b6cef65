"""The sync state machine (test_sync_state_machine.py) with its township on PostgreSQL.

The same rules and invariants; every township the machine makes (the server and the USB
mirror) is a fresh database on the session's throw-away cluster. Fewer examples: the
machine itself is tested on SQLite in full, this checks the backend under it.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from kiosk.township import app as township_app
from kiosk.township import store as township_store
from tests.property import test_sync_state_machine as machine

pytestmark = pytest.mark.slow


def test_the_sync_state_machine_with_the_township_on_postgresql(pg_cluster, monkeypatch):
    monkeypatch.setattr(machine, "create_app",
                        lambda _path, clock: township_app.create_app(pg_cluster.fresh(), clock=clock))
    monkeypatch.setattr(machine, "Store",
                        lambda _path, clock: township_store.Store(pg_cluster.fresh(), clock=clock))
    run_state_machine_as_test(machine.SyncMachine, settings=settings(
        max_examples=6, stateful_step_count=20, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
