"""A real township app (SQLite or PostgreSQL, the `backend` parameter) with 青石村, and a counter
enrolled there with two awards to 张桂兰: shared by the chain tests that sync for real."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from kiosk.sync import enrolment
from kiosk.township.app import create_app
from tests.conftest import give

NOW = datetime(2026, 11, 3, 10, 30, 0)
URL = "http://township.test"


@pytest.fixture
def township(township_db):
    app = create_app(township_db, clock=lambda: NOW.timestamp())
    with TestClient(app) as http:
        app.state.store.add_village("青石村", "美德积分")
        yield app.state.store, http


def enrol_with_awards(shop, township) -> None:
    store, http = township
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    give(shop, "JF000004", 2)
