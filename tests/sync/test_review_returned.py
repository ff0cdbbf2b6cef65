"""复核 退回 end to end: an award pushed by a counter, handed back in the township console with a
reason, arrives at the counter's next sync as a task for the managers; the ledger is untouched."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from kiosk.core.errors import Refused
from kiosk.services.points import review_tasks
from kiosk.store import ledger
from kiosk.sync import authority, client, enrolment
from kiosk.township.app import create_app
from tests.conftest import give
from tests.sync import remote
from tests.township.console_helpers import sign_in

NOW = datetime(2026, 11, 3, 10, 30, 0)
URL = "http://township.test"


@pytest.fixture
def township(tmp_path):
    app = create_app(tmp_path / "township.sqlite", clock=lambda: NOW.timestamp())
    with TestClient(app) as http:
        app.state.store.add_village("青石村", "美德积分")
        yield app, http


def test_a_returned_award_reaches_the_counter_as_a_task_not_an_edit(shop, township):
    app, http = township
    store = app.state.store
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    give(shop, "JF000001", 2)
    assert client.sync_once(shop.db, http, NOW).ok
    account_id, _ = remote.account_of(shop.db, "JF000001")
    balance = ledger.balance(shop.db, account_id)

    browser = TestClient(app)
    token = sign_in(browser, store)
    page = browser.get("/villages/青石村/review")
    assert page.status_code == 200 and "3组12号" in page.text and "环境清扫" in page.text and "5.00" in page.text
    record = store.one("SELECT id FROM record WHERE type = 'entry' ORDER BY commit_no LIMIT 1")["id"]
    empty = browser.post(f"/villages/青石村/review/{record}/return", data={"csrf": token, "reason": " "})
    assert empty.status_code == 400 and "请写退回原因" in empty.text
    done = browser.post(f"/villages/青石村/review/{record}/return", data={"csrf": token, "reason": "没有活动照片"})
    assert done.status_code == 200 and "已退回" in done.text

    assert client.sync_once(shop.db, http, NOW).ok
    tasks = review_tasks.tasks(shop)
    assert [(t.reason, t.points, t.done) for t in tasks] == [("没有活动照片", "5", False)]
    assert ledger.balance(shop.db, account_id) == balance          # never an edit of the ledger
    with pytest.raises(Refused):
        review_tasks.mark_done(shop, tasks[0].id, "")
    review_tasks.mark_done(shop, tasks[0].id, "已补交照片")
    assert review_tasks.tasks(shop)[0].done


def test_only_the_township_may_author_a_return():
    assert authority.author("award_returned") == authority.TOWNSHIP
    assert not authority.terminal_may_push("award_returned", {})
    assert not authority.counter_may_apply("award_returned", "some-counter")
