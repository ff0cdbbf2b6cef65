"""The counter's sync status label and the background sync job (pytest-qt)."""

from __future__ import annotations

import httpx

from kiosk.core import backoff
from kiosk.sync import client
from kiosk.ui import sync_job
from kiosk.ui.tasks import ImmediateRunner
from tests.conftest import give
from tests.sync.conftest import enrol
from tests.sync.fake_township import FakeTownship


def test_not_enrolled_no_job_and_no_label(counter):
    assert sync_job.start(counter) is None
    assert not counter.sync_status.isVisible()


def _job(counter, http):
    job = sync_job.start(counter, runner=ImmediateRunner(), http=http, draw=lambda: 0.5)
    assert job is not None
    return job


def test_the_label_shows_waiting_then_synced(counter, shop, tmp_path):
    township = FakeTownship(enrol(shop.db), "s3cret-for-tests")
    give(shop, "JF000001")
    job = _job(counter, township.client)
    try:
        assert counter.sync_status.isVisible()
        assert counter.sync_status.text().startswith("尚未同步 · 待上传 ")
        job.sync()
        assert job.last.ok, job.last
        assert counter.sync_status.text().startswith("已同步 ") and counter.sync_status.text().endswith("待上传 0")
        assert job.sync_timer.isActive() and job.sync_timer.interval() == backoff.NORMAL_SECONDS * 1000
        counter.grab().save(str(tmp_path / "bar.png"))
    finally:
        job.stop()


def test_the_first_round_waits_the_terminals_own_offset(counter, shop):
    township = FakeTownship(enrol(shop.db), "s3cret-for-tests")
    job = _job(counter, township.client)
    try:
        assert job.sync_timer.interval() == int(backoff.first_wait(township.terminal_id) * 1000)
        assert backoff.first_wait("T-other") != backoff.first_wait(township.terminal_id)
    finally:
        job.stop()


def test_offline_says_since_when_and_backs_off(counter, shop):
    enrol(shop.db)

    def refused(request):
        raise httpx.ConnectError("[Errno 111] Connection refused")

    job = _job(counter, lambda: httpx.Client(transport=httpx.MockTransport(refused)))
    try:
        job.sync()
        assert counter.sync_status.text().startswith("离线，自 ")
        first = job.sync_timer.interval()
        job.sync()
        assert job.failures == 2 and job.sync_timer.interval() > first
        assert job.sync_timer.interval() < backoff.NORMAL_SECONDS * 1000
    finally:
        job.stop()


def test_closing_the_counter_stops_syncing(counter, shop):
    """After close no round starts and a late answer changes nothing on screen."""
    township = FakeTownship(enrol(shop.db), "s3cret-for-tests")
    job = _job(counter, township.client)
    job.stop()
    assert job.stopped and not job.sync_timer.isActive() and not job.status_timer.isActive()
    before = counter.sync_status.text()
    job._done(client.SyncResult(True))
    assert job.last is None and counter.sync_status.text() == before and not job.sync_timer.isActive()
