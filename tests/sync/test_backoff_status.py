"""The retry schedule (pure) and the status bar's words."""

from __future__ import annotations

import pytest

from kiosk.core import backoff
from kiosk.sync import state, status
from kiosk.sync.status import _short
from tests.conftest import give
from tests.sync.conftest import enrol


def test_all_well_waits_the_normal_period_give_or_take_a_tenth():
    assert backoff.next_wait(0, 0.5) == backoff.NORMAL_SECONDS
    low, high = backoff.next_wait(0, 0.0), backoff.next_wait(0, 0.999999)
    assert low == pytest.approx(0.9 * backoff.NORMAL_SECONDS) and high == pytest.approx(1.1 * backoff.NORMAL_SECONDS)


def test_counters_that_start_together_first_sync_at_their_own_offsets():
    """A county's 300 counters started in the same second: each its own, stable first wait,
    spread over the whole window (every sixth of it holds some), not one instant."""
    terminals = [f"T-{n:04d}" for n in range(300)]
    waits = [backoff.first_wait(t) for t in terminals]
    assert waits == [backoff.first_wait(t) for t in terminals]          # the same at every start
    low, spread = backoff.FIRST_SECONDS, backoff.FIRST_SPREAD_SECONDS
    assert all(low <= w < low + spread for w in waits)
    assert {int((w - low) / spread * 6) for w in waits} == set(range(6))
    assert max(waits.count(w) for w in waits) == 1


def test_failures_double_the_ceiling_up_to_the_cap():
    assert [backoff.ceiling(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff.ceiling(50) == backoff.CAP_SECONDS


@pytest.mark.parametrize("failures", [1, 2, 5, 12, 100])
def test_the_jittered_wait_stays_between_half_the_base_and_the_ceiling(failures):
    low, high = backoff.next_wait(failures, 0.0), backoff.next_wait(failures, 0.999999)
    assert low == backoff.BASE_SECONDS / 2
    assert low < high <= backoff.ceiling(failures)


def test_a_draw_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError):
        backoff.next_wait(1, 1.0)


def test_status_words(shop):
    assert status.status(shop.db).text.startswith("未接入乡镇 · 待上传 ")
    enrol(shop.db)
    assert status.status(shop.db).text.startswith("尚未同步")
    give(shop, "JF000001")
    with shop.db.write() as conn:
        top = conn.execute("SELECT MAX(seq) FROM journal").fetchone()[0]
        state.update(conn, pushed_high_water=top - 1)
    state.record_ok(shop.db, "2026-11-03 10:30:00")
    assert status.status(shop.db).text == "已同步 11-03 10:30 · 待上传 1"
    state.record_error(shop.db, "sync_offline", "2026-11-03 10:35:00")
    state.record_error(shop.db, "sync_offline", "2026-11-03 10:40:00")
    shown = status.status(shop.db)
    assert shown.text == "离线，自 11-03 10:35 起 · 待上传 1"  # since the FIRST failure
    state.record_ok(shop.db, "2026-11-03 10:45:00")
    assert status.status(shop.db).kind == "ok"


def test_today_shows_only_the_time():
    assert _short("2026-11-03 10:30:00", today="2026-11-03") == "10:30"
    assert _short("2026-11-02 10:30:00", today="2026-11-03") == "11-02 10:30"
    assert _short(None) == "—"


@pytest.mark.parametrize(("off", "said"), [(400 * 86400, "慢了 400 天"), (-3 * 3600 - 5, "快了 3 小时"),
                                           (-(11 * 60), "快了 11 分钟"), (23 * 3600 + 10, "慢了 23 小时"),
                                           # the township's time is in whole seconds: a second short is the same
                                           (86399, "慢了 1 天"), (365 * 86400 - 1, "慢了 365 天"),
                                           (3599, "慢了 1 小时"), (59, "慢了 1 分钟")])
def test_a_clock_the_township_found_wrong_is_said_in_days_hours_or_minutes(shop, off, said):
    enrol(shop.db)
    state.record_ok(shop.db, "2026-11-03 10:30:00")
    state.note_clock_off(shop.db, off)
    assert status.status(shop.db).text.startswith(f"⚠ 电脑时间比乡镇{said}：请把日期和时间改对 · 已同步 ")
    state.note_clock_off(shop.db, 0)
    assert status.status(shop.db).text.startswith("已同步 ")
