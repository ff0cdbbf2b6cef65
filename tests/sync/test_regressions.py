"""Sync regressions, each the exact sequence that once lost or skipped a record.

The pull cursor: on the last page the township moves the cursor to the top commit it read
before the page (so a counter does not walk its own pushes again). A record another counter
commits while a pull is being answered must never fall behind that cursor.
"""

from __future__ import annotations

import pytest

from kiosk.sync.wire import Record
from kiosk.township import merge
from kiosk.township.tables import records as records_table
from kiosk.township.store import Store

ME, OTHER = "T-counter-1", "T-counter-2"


@pytest.fixture
def township(tmp_path):
    store = Store(tmp_path / "township.sqlite3")
    village = store.add_village("青石村", "美德积分")["id"]
    yield store, village
    store.close()


def _entry(tid: str, seq: int, hundredths: int = 500) -> Record:
    return Record.make(f"{tid}:{seq}", tid, seq, "entry", {"account_id": "A-wang", "hundredths": hundredths})


def _commit(store: Store, village: str, *records: Record) -> None:
    with store.write() as conn:
        store.insert_records(conn, list(records), village)


def _commit_during_pull(monkeypatch, store: Store, village: str, record: Record, before_page: bool) -> None:
    """Another counter's push commits between the pull's read of the top and its page
    (before_page) or just after the page was read."""
    real_all = store.all

    def all_with_a_push_alongside(sql, params=()):
        if sql not in (records_table.PULL_SQL, records_table.PULL_SQL_PG):
            return real_all(sql, params)
        if before_page:
            _commit(store, village, record)
            return real_all(sql, params)
        rows = real_all(sql, params)
        _commit(store, village, record)
        return rows

    monkeypatch.setattr(store, "all", all_with_a_push_alongside)


@pytest.mark.parametrize("before_page", [True, False], ids=["between-top-and-page", "after-page"])
def test_a_record_committed_while_a_pull_is_answered_is_never_skipped(township, monkeypatch, before_page):
    store, village = township
    me = {"id": ME, "village_id": village}
    _commit(store, village, _entry(ME, 1), _entry(ME, 2), _entry(OTHER, 1))   # ours skipped: the cursor jumps
    late = _entry(OTHER, 2, 300)
    _commit_during_pull(monkeypatch, store, village, late, before_page)
    first = merge.pull(store, me, 0, 500)
    monkeypatch.undo()
    second = merge.pull(store, me, first["cursor"], 500)
    seen = [r["id"] for r in first["records"] + second["records"]]
    assert seen.count(late.id) == 1, (first, second)
    assert f"{OTHER}:1" in seen
