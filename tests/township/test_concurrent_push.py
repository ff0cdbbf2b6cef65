"""The server sequence under concurrent writers: gap-free, in commit order, never skipped by a puller.

Each pusher and the puller is its own Store (its own database connection), as several server
processes on one PostgreSQL are. A puller paging while others commit must see every record
exactly once: a number handed out before commit (a sequence) would let it pass one by.
"""

from __future__ import annotations

import threading

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from kiosk.township import merge
from kiosk.township.store import Store

PUSHERS, BATCHES, BATCH = 8, 12, 5


def _terminal(admin: Store, name: str) -> str:
    return admin.enrol(admin.issue_code("青石村")["code"], name)["terminal_id"]


def _pusher(db_path, clock, tid: str, pushed: list, errors: list) -> None:
    store = None
    try:
        store = Store(db_path, clock)
        seq = 0
        for _ in range(BATCHES):
            batch = []
            for _ in range(BATCH):
                seq += 1
                batch.append(Record.make(new_id(), tid, seq, "entry", {"account_id": f"acct-{tid}", "hundredths": 1}))
            result = merge.push(store, store.terminal(tid), batch)
            assert {r["status"] for r in result.results} == {"stored"}
            pushed.extend(r.id for r in batch)
    except Exception as exc:  # noqa: BLE001  (reported by the test)
        errors.append(exc)
    finally:
        if store is not None:
            store.close()


def _page_until(store: Store, tid: str, done: threading.Event, seen: list) -> int:
    """Pull in small pages until the pushers are done and a last pull brings nothing."""
    cursor = 0
    while True:
        finished = done.is_set()
        page = merge.pull(store, store.terminal(tid), cursor, 7)
        seen.extend(r["id"] for r in page["records"])
        cursor = page["cursor"]
        if finished and not page["records"] and not page["more"]:
            return cursor


def test_a_puller_paging_while_many_push_sees_every_record_once(admin, db_path, clock):
    pushers = [_terminal(admin, f"收银台{n}") for n in range(PUSHERS)]
    reader = _terminal(admin, "对账电脑")
    pushed, errors, seen, done = [], [], [], threading.Event()
    threads = [threading.Thread(target=_pusher, args=(db_path, clock, tid, pushed, errors)) for tid in pushers]
    puller_store = Store(db_path, clock)
    try:
        for t in threads:
            t.start()
        waiter = threading.Thread(target=lambda: ([t.join() for t in threads], done.set()))
        waiter.start()
        _page_until(puller_store, reader, done, seen)
        waiter.join()
    finally:
        puller_store.close()
    assert errors == []
    assert len(pushed) == PUSHERS * BATCHES * BATCH
    assert len(seen) == len(set(seen)), "a record pulled twice"
    assert set(seen) == set(pushed), f"{len(set(pushed) - set(seen))} records skipped by the puller"


def test_commit_numbers_are_gap_free_after_concurrent_pushes(admin, db_path, clock):
    pushers = [_terminal(admin, f"收银台{n}") for n in range(PUSHERS)]
    pushed, errors = [], []
    threads = [threading.Thread(target=_pusher, args=(db_path, clock, tid, pushed, errors)) for tid in pushers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = [r[0] for r in admin.all("SELECT commit_no FROM record ORDER BY commit_no")]
    assert numbers == list(range(1, len(pushed) + 1))
    # each terminal's records are in its own seq order within the server's order
    for tid in pushers:
        seqs = [r[0] for r in admin.all("SELECT seq FROM record WHERE terminal_id = ? ORDER BY commit_no", (tid,))]
        assert seqs == list(range(1, BATCHES * BATCH + 1))
