"""EXPLAIN QUERY PLAN of the township's hot queries on the big township: all by index."""

from __future__ import annotations

from kiosk.township.tables import records as records_table
from kiosk.township.store import Store

OVERDRAFT = ("SELECT 1 FROM incident WHERE kind = 'overdraft' AND village_id = ? AND account_id = ?"
             " AND resolved_at IS NULL")
QUERIES = {
    "pull": (records_table.PULL_SQL, lambda v, t: (v, 0, t, 0, t, 501)),
    "push_by_id": (records_table.HELD_BY_ID.format(marks="?,?"), lambda v, t: ("x", "y")),
    "push_by_seq": (records_table.HELD_BY_SEQ.format(marks="?,?"), lambda v, t: (t, 1, 2)),
    "push_high_water": ("SELECT high_water FROM terminal WHERE id = ?", lambda v, t: (t,)),
    "state_terminal": ("SELECT * FROM terminal WHERE id = ?", lambda v, t: (t,)),
    "state_cursor": ("SELECT COALESCE(MAX(commit_no), 0) FROM record", lambda v, t: ()),
    "overdraft_open": (OVERDRAFT, lambda v, t: (v, "A1")),
    "publish_seq": ("SELECT COALESCE(MAX(seq), 0) + 1 FROM record WHERE terminal_id = ?", lambda v, t: ("township",)),
}


def indexed(steps: list[str]) -> bool:
    """Every step a SEARCH (or a merge of searches), nothing scanned, nothing sorted aside."""
    return all(not s.startswith("SCAN") and "TEMP B-TREE" not in s for s in steps) \
        and any(s.startswith("SEARCH") for s in steps)


def check_plans(store: Store, village_id: str, terminal_id: str) -> dict:
    plans = {}
    for name, (sql, params) in QUERIES.items():
        steps = [row[3] for row in store.all("EXPLAIN QUERY PLAN " + sql, params(village_id, terminal_id))]
        plans[name] = {"plan": " | ".join(steps), "indexed": indexed(steps)}
    return {"queries": plans, "ok": all(p["indexed"] for p in plans.values())}
