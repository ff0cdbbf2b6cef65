"""Fault fixtures: the real township under uvicorn, a fault proxy in front of it, and the
`shop` counter enrolled through the proxy (so every sync call crosses it)."""

from __future__ import annotations

import pytest

from tests.faults.proxy import FaultProxy
from tests.faults.township import RunningServer, enrol_through, prepare_township


@pytest.fixture
def township_db(tmp_path):
    return tmp_path / "township.sqlite3"


@pytest.fixture
def codes(township_db) -> list[str]:
    return prepare_township(township_db)


@pytest.fixture
def server(township_db, codes):
    running = RunningServer(township_db)
    with running:
        yield running


@pytest.fixture
def proxy(server):
    fault_proxy = FaultProxy(server.port)
    yield fault_proxy
    fault_proxy.close()


@pytest.fixture
def terminal(shop, proxy, codes):
    """The `shop` counter, enrolled with the township through the proxy."""
    enrol_through(shop.db, proxy.url, codes[0])
    return shop
