"""A state round's one query finds its village's last commit by the village's index, on both
databases, even for a village with no record yet (PostgreSQL once walked the whole commit
order backwards for it: a county's crowd then cost four times the database CPU)."""

from __future__ import annotations

import itertools

from kiosk.sync.wire import Record
from kiosk.township.store import Store
from kiosk.township.tables.terminals import FOR_ROUND


def _plan(store: Store, terminal_id: str) -> str:
    if store.dialect == "postgresql":
        return " | ".join(row[0] for row in store.all("EXPLAIN " + FOR_ROUND, (terminal_id,)))
    return " | ".join(row[3] for row in store.all("EXPLAIN QUERY PLAN " + FOR_ROUND, (terminal_id,)))


def test_the_round_query_reads_a_villages_last_commit_by_its_index(township_db):
    store = Store(township_db)
    try:
        busy = [store.add_village(name, "积分")["id"] for name in ("青石村", "桃源村")]
        store.add_village("新村", "积分")
        seqs = itertools.count(1)
        with store.write() as conn:
            for n in range(3000):
                seq = next(seqs)
                store.insert_records(conn, [Record.make(f"T:{seq}", "T", seq, "entry", {"hundredths": 100})],
                                     busy[n % 2])
        enrolled = store.enrol(store.issue_code("新村")["code"], "收银台1", None)
        store.analyze() if hasattr(store, "analyze") else store.note("ANALYZE", ())
        plan = _plan(store, enrolled["terminal_id"])
        assert "record_village" in plan, plan
        assert "record_pkey" not in plan and "Seq Scan on record " not in plan and "SCAN record " not in plan, plan
        assert store.terminal(enrolled["terminal_id"], for_round=True)["top"] == 0
    finally:
        store.close()
