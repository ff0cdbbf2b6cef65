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


def indexed_pg(steps: list[str]) -> bool:
    """PostgreSQL: the record table never read whole (a tiny table may be, the planner's choice)."""
    return not any("Seq Scan on record" in s for s in steps)


def check_plans(store: Store, village_id: str, terminal_id: str) -> dict:
    plans = {}
    pg = store.dialect == "postgresql"
    for name, (sql, params) in QUERIES.items():
        if pg and name in ("push_by_id", "push_by_seq", "pull"):     # PostgreSQL's own forms
            sql, args = {"push_by_id": (records_table.HELD_BY_ID_ARRAY, ('["x", "y"]',)),
                         "push_by_seq": (records_table.HELD_BY_SEQ_ARRAY, (terminal_id, "[1, 2]")),
                         "pull": (records_table.PULL_SQL_PG, (village_id, 0, terminal_id, 501, 0, terminal_id, 501, 501))}[name]
        else:
            args = params(village_id, terminal_id)
        explain = "EXPLAIN " if pg else "EXPLAIN QUERY PLAN "
        steps = [row[0].strip() if pg else row[3] for row in store.all(explain + sql, args)]
        plans[name] = {"plan": " | ".join(steps), "indexed": indexed_pg(steps) if pg else indexed(steps)}
    return {"queries": plans, "ok": all(p["indexed"] for p in plans.values())}
