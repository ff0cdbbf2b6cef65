"""The township's hot queries use their indexes (EXPLAIN QUERY PLAN), before and after ANALYZE.

A pull must cost what changed for the village, not the size of the whole township: the
plan may neither scan `record` nor sort the rows after the cursor in a temporary B-tree.
The indexed pull must answer exactly what the plain OR query answers.
"""

from __future__ import annotations

import itertools

import pytest

from kiosk.sync.wire import Record
from kiosk.township import merge
from kiosk.township.tables import records as records_table
from kiosk.township.store import TOWNSHIP, Store

OR_PULL = ("SELECT commit_no, id, terminal_id, seq, type, body, sha256 FROM record"
           " WHERE commit_no > ? AND terminal_id != ? AND (village_id = ? OR village_id IS NULL)"
           " ORDER BY commit_no LIMIT ?")
PUSH_BY_ID = records_table.HELD_BY_ID.format(marks="?,?")
PUSH_BY_SEQ = records_table.HELD_BY_SEQ.format(marks="?,?")
STATE_TERMINAL = "SELECT * FROM terminal WHERE id = ?"
STATE_CURSOR = "SELECT COALESCE(MAX(commit_no), 0) FROM record"


def plan(store: Store, sql: str, params: tuple) -> list[str]:
    return [row[3] for row in store.all("EXPLAIN QUERY PLAN " + sql, params)]


@pytest.fixture
def township(tmp_path):
    """Three villages, two terminals each, interleaved entries and some published records."""
    store = Store(tmp_path / "township.sqlite3")
    villages = [store.add_village(name, "美德积分")["id"] for name in ("青石村", "桃源村", "柳河村")]
    terminals = [(f"T{v}-{n}", vid) for v, vid in enumerate(villages) for n in (1, 2)]
    seqs = {tid: itertools.count(1) for tid, _ in terminals}
    with store.write() as conn:
        for n in range(1200):
            tid, vid = terminals[n % len(terminals)] if n % 3 else terminals[(n // 3) % 2]
            seq = next(seqs[tid])
            store.insert_records(conn, [Record.make(f"{tid}:{seq}", tid, seq, "entry",
                                                    {"account_id": f"JF{n % 40:06d}", "hundredths": 100})], vid)
            if n % 97 == 0:
                store.publish(conn, "rule", {"code": f"r{n}", "points": 300}, None)
    yield store, villages
    store.close()


def _terminal(tid: str, vid: str) -> dict:
    return {"id": tid, "village_id": vid}


def _assert_indexed(steps: list[str]) -> None:
    text = " | ".join(steps)
    assert "record_village" in text, text
    assert not any(s.startswith("SCAN record") for s in steps), text
    assert "TEMP B-TREE" not in text, text


@pytest.mark.parametrize("analyzed", [False, True])
def test_the_pull_reads_two_index_ranges_in_commit_order(township, analyzed):
    store, villages = township
    if analyzed:
        store.conn.execute("ANALYZE")
    steps = plan(store, records_table.PULL_SQL, (villages[0], 10, "T0-1", 10, "T0-1", 501))
    _assert_indexed(steps)
    assert sum("record_village" in s for s in steps) == 2


def test_the_old_or_query_sorted_everything_after_the_cursor(township):
    """Pins why the pull was rewritten: this test fails if SQLite ever plans the OR well."""
    store, villages = township
    steps = plan(store, OR_PULL, (10, "T0-1", villages[0], 501))
    assert "TEMP B-TREE" in " | ".join(steps) or any(s.startswith("SCAN record") for s in steps)


@pytest.mark.parametrize("since,limit", [(0, 1), (0, 7), (0, 500), (150, 33), (1100, 500), (99999, 5)])
def test_the_indexed_pull_answers_what_the_or_query_answers(township, since, limit):
    store, villages = township
    for tid, vid in (("T0-1", villages[0]), ("T1-2", villages[1]), ("T2-1", villages[2]), (TOWNSHIP, villages[2])):
        page = merge.pull(store, _terminal(tid, vid), since, limit)
        expected = store.all(OR_PULL, (since, tid, vid, limit + 1))
        assert [r["commit_no"] for r in page["records"]] == [r["commit_no"] for r in expected[:limit]]
        assert [r["id"] for r in page["records"]] == [r["id"] for r in expected[:limit]]
        assert page["more"] == (len(expected) > limit)
        assert all(r["terminal_id"] != tid for r in page["records"])


def test_paging_through_a_village_sees_each_record_once(township):
    store, villages = township
    me = _terminal("T1-1", villages[1])
    seen, since = [], 0
    while True:
        page = merge.pull(store, me, since, 50)
        seen += [r["id"] for r in page["records"]]
        since = page["cursor"]
        if not page["more"]:
            break
    everything = store.all(OR_PULL, (0, me["id"], me["village_id"], 10**9))
    assert seen == [r["id"] for r in everything] and len(seen) == len(set(seen)) > 0


@pytest.mark.parametrize("analyzed", [False, True])
def test_push_dedupe_and_state_use_indexes(township, analyzed):
    store, _ = township
    if analyzed:
        store.conn.execute("ANALYZE")
    assert plan(store, PUSH_BY_ID, ("T0-1:5", "T0-1:6")) == [
        "SEARCH record USING INDEX sqlite_autoindex_record_1 (id=?)"]
    by_seq = plan(store, PUSH_BY_SEQ, ("T0-1", 5, 6))
    assert by_seq in (["SEARCH record USING INDEX sqlite_autoindex_record_2 (terminal_id=? AND seq=?)"],
                      ["SEARCH record USING COVERING INDEX sqlite_autoindex_record_2 (terminal_id=? AND seq=?)"])
    assert plan(store, STATE_TERMINAL, ("T0-1",)) == ["SEARCH terminal USING INDEX sqlite_autoindex_terminal_1 (id=?)"]
    assert plan(store, STATE_CURSOR, ()) == ["SEARCH record"]  # max of the rowid: one step down the tree


def test_after_its_own_big_push_an_empty_pull_moves_the_cursor_to_the_top(township):
    """Else every later "nothing new" pull would walk again over the terminal's own rows."""
    store, villages = township
    me = _terminal("T0-1", villages[0])
    with store.write() as conn:
        store.insert_records(conn, [Record.make(f"own:{n}", "T0-1", 10_000 + n, "entry",
                                                {"account_id": "JF000001", "hundredths": 100})
                                    for n in range(300)], villages[0])
    top = store.cursor_hint()
    first = merge.pull(store, me, 0, 10_000)
    assert first["more"] is False and first["cursor"] == top
    again = merge.pull(store, me, first["cursor"], 500)
    assert again == {"records": [], "cursor": top, "more": False}
    page = merge.pull(store, me, 0, 5)
    assert page["more"] is True and page["cursor"] == page["records"][-1]["commit_no"] < top
