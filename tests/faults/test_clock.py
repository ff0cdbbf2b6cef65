"""A counter whose clock is a year wrong (ahead, behind) syncs through the real township:
the township orders by its own commit number, the pull cursor is that number, and the
round converges. The signature's time follows the township's clock (its Date header)
once the township says the time is off; the records keep the counter's own stamps."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import httpx
import pytest

from kiosk.i18n import message
from kiosk.sync import calls, client, state, status
from tests.conftest import give
from tests.faults.township import OtherCounter, assert_converged, server_rows

YEAR = timedelta(days=365)


def sync_at(db, now: datetime) -> client.SyncResult:
    with httpx.Client(timeout=20) as http:
        return client.sync_once(db, http, now)


@pytest.mark.parametrize("off", [YEAR, -YEAR], ids=["a year ahead", "a year behind"])
def test_a_clock_a_year_wrong_still_converges_in_the_townships_order(terminal, proxy, server, codes,
                                                                     township_db, off):
    other = OtherCounter(server, codes[1], terminal.db)
    wrong = datetime.now().replace(microsecond=0) + off
    terminal.clock.set(wrong)
    give(terminal, "JF000001", 2)                    # stamped a year off
    first = other.award([300])
    result = sync_at(terminal.db, wrong)
    assert result.ok and result.pulled == 1, result
    assert abs(result.clock_off_s + off.total_seconds()) < 120      # told how far off it is
    assert "GET /v1/state" in proxy.seen
    mine = state.load(terminal.db).terminal_id
    rows = server_rows(township_db, "SELECT commit_no, terminal_id, type, body FROM record ORDER BY commit_no")
    assert rows[0][1] != mine and all(r[1] == mine for r in rows[1:])   # arrival order, not the clocks
    stamped = [json.loads(r[3])["at"] for r in rows[1:] if r[2] == "entry"]
    assert stamped and all(at.startswith(str(wrong.year)) for at in stamped)
    assert_converged(terminal.db, township_db, first)

    later = other.award([200])
    again = sync_at(terminal.db, wrong + timedelta(minutes=5))
    assert again.ok and again.pulled == 1 and again.applied == 1, again
    assert_converged(terminal.db, township_db, first | later)


def test_without_a_date_to_go_by_the_refusal_says_to_set_the_clock(terminal, monkeypatch, township_db):
    give(terminal, "JF000001")
    monkeypatch.setattr(calls, "server_time", lambda response: None)
    result = sync_at(terminal.db, datetime.now() - YEAR)
    assert not result.ok and result.error == "sync_clock_off"
    assert "日期和时间改对" in message(result.error, detail=result.detail or "-")
    assert server_rows(township_db, "SELECT COUNT(*) FROM record")[0][0] == 0


def test_a_round_that_went_through_on_the_townships_time_says_to_set_the_clock(terminal, server, township_db):
    """The round goes through signed on the township's time, but the PC's own stamps are a year off:
    the top bar says so, in days, until a round finds the clock within the window again."""
    give(terminal, "JF000001")
    result = sync_at(terminal.db, datetime.now().replace(microsecond=0) - YEAR)
    assert result.ok, result
    shown = status.status(terminal.db).text
    assert shown.startswith("⚠ 电脑时间比乡镇慢了 365 天：请把日期和时间改对 · 已同步 "), shown
    assert client.sync_once(terminal.db, httpx.Client(timeout=20), datetime.now()).ok
    assert not status.status(terminal.db).text.startswith("⚠ 电脑时间"), "set right: the warning goes"
