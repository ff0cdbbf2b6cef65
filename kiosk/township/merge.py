"""Push and pull: the one code path for records arriving (HTTP or USB bundle) and leaving.

Insert-or-ignore by id; the same id with another hash is a conflict, never an update; a
known seq under another id is a fork; a seq beyond high water + 1 is a gap. A record of a
type only the township issues (kiosk/sync/authority.py) is rejected, one by one. Stored
entries move the merged balances; overdrafts are judged once the terminal's whole push is
in, at its pull (kiosk/township/holds.py), and hold the account until it is made good.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from kiosk.sync import authority
from kiosk.sync.wire import Record
from kiosk.township import holds, record_chain
from kiosk.township.store import TOWNSHIP, Store
from kiosk.township.words import TownshipRefused, say

PUBLISHED = ("rule", "product", "price", "rate", "hold", "hold_released")


@dataclass
class PushResult:
    results: list[dict] = field(default_factory=list)
    high_water: int = 0

    @property
    def conflict(self) -> bool:
        return any(r["status"] == "conflict" for r in self.results)

    def as_json(self) -> dict:
        return {"results": self.results, "high_water": self.high_water}


def _check_ownership(terminal: sqlite3.Row, records: list[Record]) -> None:
    for r in records:
        if r.terminal_id != terminal["id"]:
            raise TownshipRefused("not_yours", 403, id=r.id)
        claimed = r.body.get("village_id")
        if claimed is not None and claimed != terminal["village_id"]:
            raise TownshipRefused("wrong_village", 403, id=r.id)


MAX_HUNDREDTHS = 10**12   # ten billion points in one entry: any more is not an entry (and sums stay 64-bit)


def _entry_ok(record: Record) -> bool:
    body = record.body
    return (isinstance(body.get("account_id"), str) and isinstance(body.get("hundredths"), int)
            and not isinstance(body.get("hundredths"), bool) and abs(body["hundredths"]) <= MAX_HUNDREDTHS)


def push(store: Store, terminal: sqlite3.Row, records: list[Record]) -> PushResult:
    """Store a terminal's batch in one transaction; raises TownshipRefused (403/409) for the
    whole batch on ownership, gap and fork, after logging the incident."""
    try:
        _check_ownership(terminal, records)
        with store.write() as conn:
            return _push(store, conn, terminal, sorted(records, key=lambda r: r.seq))
    except TownshipRefused as refusal:
        if refusal.code in ("gap", "fork", "not_yours", "wrong_village"):
            kind = {"not_yours": "wrong_village"}.get(refusal.code, refusal.code)
            store.log_incident(kind, {"code": refusal.code, **refusal.params},
                               terminal_id=terminal["id"], village_id=terminal["village_id"])
        raise


def _push(store: Store, conn: sqlite3.Connection, terminal: sqlite3.Row, records: list[Record]) -> PushResult:
    tid, village_id = terminal["id"], terminal["village_id"]
    high_water, held_hashes, held_ids = _held(conn, tid, records)   # grows with the batch's own new records
    start, expected, fresh, results = high_water, high_water + 1, [], []
    for r in records:
        status, detail = _classify(r, held_hashes, held_ids)
        if status in ("new", "rejected") and r.seq > expected:
            raise TownshipRefused("gap", 409, expected=expected)
        if status == "new":
            if r.type == "entry" and not _entry_ok(r):
                status, detail = "rejected", say("bad_entry", "en")
            elif not authority.terminal_may_push(r.type, r.body):
                status, detail = "rejected", say("township_only", "en")
            else:
                fresh.append(r)
                held_hashes[r.id], held_ids[r.seq] = r.sha256, r.id
                status = "stored"
        if status in ("rejected", "conflict"):
            store.incident(conn, status, {"id": r.id, "seq": r.seq, "detail": detail},
                           terminal_id=tid, village_id=village_id)
        if status != "conflict":
            expected = max(expected, r.seq + 1)
        results.append({"id": r.id, "status": status, "detail": detail})
    store.insert_records(conn, fresh, village_id)
    taken = [r for r, result in zip(records, results) if result["status"] in ("stored", "duplicate")]
    record_chain.extend(conn, tid, taken, fresh_terminal=start == 0)   # the township's chain of them
    high_water = max(high_water, expected - 1)
    with conn.batch():          # PostgreSQL: these five statements in one round trip
        conn.execute("UPDATE terminal SET high_water = ?, last_contact = ? WHERE id = ?",
                     (high_water, store.now_text(), tid))
        _merge_entries(store, conn, village_id, [r for r in fresh if r.type == "entry"], tid)
    return PushResult(results, high_water)


HIGH_WATER = "SELECT high_water FROM terminal WHERE id = ?"
HELD_BY_ID = "SELECT id, sha256 FROM record WHERE id IN ({marks})"
HELD_BY_SEQ = "SELECT seq, id FROM record WHERE terminal_id = ? AND seq IN ({marks})"
# PostgreSQL: one JSON array each, made an array once (a long IN list is slow to plan there, and an
# array parameter is dumped value by value in Python)
HELD_BY_ID_ARRAY = "SELECT id, sha256 FROM record WHERE id = ANY(ARRAY(SELECT json_array_elements_text(?::json)))"
HELD_BY_SEQ_ARRAY = ("SELECT seq, id FROM record WHERE terminal_id = ?"
                     " AND seq = ANY(ARRAY(SELECT json_array_elements_text(?::json)::bigint))")


def _held(conn: sqlite3.Connection, tid: str, records: list[Record]) -> tuple[int, dict[str, str], dict[int, str]]:
    """The terminal's high water; what the township already holds under the batch's ids (their
    hashes) and under this terminal's seqs in the batch (their ids): one query of each per 500
    records (PostgreSQL: all three in one round trip)."""
    hashes: dict[str, str] = {}
    ids: dict[int, str] = {}
    if conn.dialect == "postgresql":
        with conn.batch():
            water = conn.execute(HIGH_WATER, (tid,))
            by_id = conn.execute(HELD_BY_ID_ARRAY, (json.dumps([r.id for r in records]),))
            by_seq = conn.execute(HELD_BY_SEQ_ARRAY, (tid, json.dumps([r.seq for r in records])))
        hashes.update(by_id.fetchall())
        ids.update(by_seq.fetchall())
        return water.fetchone()[0], hashes, ids
    high_water = conn.execute(HIGH_WATER, (tid,)).fetchone()[0]
    for start in range(0, len(records), 500):
        chunk = records[start:start + 500]
        marks = ",".join("?" * len(chunk))
        hashes.update(conn.execute(HELD_BY_ID.format(marks=marks), [r.id for r in chunk]).fetchall())
        ids.update(conn.execute(HELD_BY_SEQ.format(marks=marks), [tid, *(r.seq for r in chunk)]).fetchall())
    return high_water, hashes, ids


def _classify(r: Record, held_hashes: dict[str, str], held_ids: dict[int, str]) -> tuple[str, str]:
    if not r.intact():
        return "rejected", say("bad_hash", "en")
    held_hash = held_hashes.get(r.id)
    if held_hash is not None:
        return ("duplicate", "") if held_hash == r.sha256 else ("conflict", say("conflict", "en"))
    held_id = held_ids.get(r.seq)
    if held_id is not None:
        raise TownshipRefused("fork", 409, seq=r.seq, id=r.id, held=held_id)
    return "new", ""


def _merge_entries(store: Store, conn: sqlite3.Connection, village_id: str, entries: list[Record],
                   pusher: str = TOWNSHIP) -> None:
    """Stored entries move the merged balances; their accounts are judged for holds after the whole push
    (kiosk/township/holds.py), the township's own entries at once."""
    holds.record_entries(store, conn, village_id, [e.body for e in entries], pusher)


def resolve(store: Store, incident_id: str, note: str) -> dict:
    with store.write() as conn:
        row = conn.execute("SELECT * FROM incident WHERE id = ?", (incident_id,)).fetchone()
        if row is None:
            raise TownshipRefused("incident_unknown", id=incident_id)
        if row["resolved_at"] is not None:
            raise TownshipRefused("incident_resolved", id=incident_id)
        conn.execute("UPDATE incident SET resolved_at = ?, note = ? WHERE id = ?",
                     (store.now_text(), note, incident_id))
        released = None
        if row["kind"] == "overdraft":
            released = holds.resolved_by_hand(store, conn, row, note)
    return {"incident": incident_id, "resolved": True, "released_record": released}


# Two ranges of the record_village index (the village's own, then what is published for
# all), merged in commit order: an OR of the two would sort every later row before LIMIT.
_PULL_COLUMNS = "SELECT commit_no, id, terminal_id, seq, type, body, sha256 FROM record"
PULL_SQL = (f"{_PULL_COLUMNS} WHERE village_id = ? AND commit_no > ? AND terminal_id != ?"
            f" UNION ALL {_PULL_COLUMNS} WHERE village_id IS NULL AND commit_no > ? AND terminal_id != ?"
            " ORDER BY commit_no LIMIT ?")
# PostgreSQL: each range cut to the page on its own, so the planner walks both in commit order and
# merges them (Merge Append) instead of sorting a village's whole history first (a new PC's first
# page on 3 million records: 166 ms before, a few ms now).
PULL_SQL_PG = (f"({_PULL_COLUMNS} WHERE village_id = ? AND commit_no > ? AND terminal_id != ? ORDER BY commit_no LIMIT ?)"
               f" UNION ALL ({_PULL_COLUMNS} WHERE village_id IS NULL AND commit_no > ? AND terminal_id != ?"
               " ORDER BY commit_no LIMIT ?) ORDER BY commit_no LIMIT ?")


def pull_page(store: Store, village_id: str, since: int, me: str, rows: int) -> list:
    """Up to `rows` records after `since` for the village (its own and those published for all), not `me`'s."""
    if store.dialect == "postgresql":
        return store.all(PULL_SQL_PG, (village_id, since, me, rows, since, me, rows, rows))
    return store.all(PULL_SQL, (village_id, since, me, since, me, rows))


def pull(store: Store, terminal: sqlite3.Row, since: int, limit: int) -> dict:
    """What the village needs after `since`, in commit order; never the terminal's own.

    On the last page the cursor jumps to the top commit read before the page, so the next
    pull does not walk again over rows it skipped (this terminal's own pushes)."""
    read_with = "top" in terminal.keys()  # noqa: SIM118 (a row: `in` looks at values) read with the terminal
    settled = holds.settle_pushed(store, terminal["id"], terminal["to_settle"] if read_with else None)
    top = terminal["top"] if read_with and not settled else store.cursor_hint()
    if since >= top:                             # nothing committed after the cursor: no page to read
        return {"records": [], "cursor": since, "more": False}
    rows = pull_page(store, terminal["village_id"], since, terminal["id"], limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    records = [{"id": r["id"], "terminal_id": r["terminal_id"], "seq": r["seq"], "type": r["type"],
                "body": json.loads(r["body"]), "sha256": r["sha256"], "commit_no": r["commit_no"]} for r in rows]
    cursor = rows[-1]["commit_no"] if rows else since
    return {"records": records, "cursor": cursor if more else max(cursor, top), "more": more}


