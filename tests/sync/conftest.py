"""Sync fixtures: the `shop` village enrolled with a fake township."""

from __future__ import annotations

import pytest

from kiosk.sync import state
from tests.cli.conftest import kiosk  # noqa: F401  (fixture for the CLI tests)
from tests.sync.fake_township import URL, FakeTownship
from tests.ui.conftest import counter  # noqa: F401  (fixture for the UI tests)

SECRET = "s3cret-for-tests"


def enrol(db, terminal_id: str | None = None) -> str:
    """As `kiosk sync enroll` leaves it: the township's own id for this PC and its village."""
    local = db.scalar("SELECT value FROM meta WHERE key = 'terminal_id'")
    terminal_id = terminal_id or "T-" + local
    with db.write() as conn:
        state.update(conn, terminal_id=terminal_id, village_id="V-qingshi", secret=SECRET, server_url=URL,
                     local_terminal_id=local, seq_base=0)
    return terminal_id


@pytest.fixture
def township(shop) -> FakeTownship:
    return FakeTownship(enrol(shop.db), SECRET)
