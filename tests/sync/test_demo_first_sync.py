"""The first sync of the demo village (a year of history, one counter) with a real township:
online in many push batches and by one USB bundle it leaves exactly the holds the village had
(the issue: 22 households held after the first `kiosk sync now`) and the same balances on both
sides of the wire."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from kiosk.services.setup import create as setup
from kiosk.services.audit.check import run_check
from kiosk.services.setup.demo import build_demo
from kiosk.sync import client, enrolment, usb
from kiosk.township import usb as township_usb
from kiosk.township.app import create_app

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 3, 10, 30, 0)
URL = "http://township.test"


@pytest.fixture(scope="module")
def demo_village(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    summary = build_demo(path, today=NOW.date())
    return path, summary.village


def _copy(demo_village, tmp_path, name: str):
    path = tmp_path / f"{name}.sqlite"
    shutil.copyfile(demo_village[0], path)
    return setup.open_shop(path)


def _township(tmp_path, name: str, village: str):
    app = create_app(tmp_path / f"{name}.sqlite", clock=lambda: NOW.timestamp())
    http = TestClient(app)
    http.__enter__()
    app.state.store.add_village(village, "美德积分")
    return app.state.store, http


def _holds(db) -> set[str]:
    return {r["id"] for r in db.all("SELECT id FROM account WHERE hold_reason IS NOT NULL")}


def _balances(db) -> dict[str, int]:
    return {r["account_id"]: r["hundredths"] for r in db.all("SELECT account_id, hundredths FROM balance")
            if r["hundredths"]}


def _township_side(store) -> tuple[dict[str, int], set[str]]:
    balances = {r["account_id"]: r["hundredths"] for r in store.all("SELECT * FROM account_balance")
                if r["hundredths"]}
    held = {r["account_id"] for r in store.all("SELECT account_id FROM incident WHERE kind = 'overdraft'")}
    return balances, held


def test_the_first_sync_online_and_by_usb_leaves_the_holds_the_village_had(demo_village, tmp_path):
    village = demo_village[1]
    online, stick = _copy(demo_village, tmp_path, "online"), _copy(demo_village, tmp_path, "stick")
    had, balances = _holds(online), _balances(online)
    assert len(balances) > 300 and online.scalar("SELECT COUNT(*) FROM journal") > 15_000

    store, http = _township(tmp_path, "township-online", village)
    enrolment.enrol(online, http, URL, store.issue_code(village)["code"], NOW)
    result = client.sync_once(online, http, NOW)
    assert result.ok and result.quarantined == 0 and result.pushed > 15_000, result
    assert _holds(online) == had
    assert _township_side(store) == (balances, set())
    assert _balances(online) == balances and run_check(online).ok

    usb_store, usb_http = _township(tmp_path, "township-usb", village)
    enrolment.enrol(stick, usb_http, URL, usb_store.issue_code(village)["code"], NOW)
    exported = usb.export_bundle(stick, tmp_path / "first.zip", NOW)
    township_usb.import_bundle(usb_store, exported.path, tmp_path / "reply.zip")
    usb.import_reply(stick, tmp_path / "reply.zip", NOW)
    assert _holds(stick) == had
    assert _township_side(usb_store) == _township_side(store)
    assert _balances(stick) == balances and run_check(stick).ok
    for db, (_, h) in ((online, (store, http)), (stick, (usb_store, usb_http))):
        db.close()
        h.__exit__(None, None, None)
