"""Push and pull: the one code path for records arriving (HTTP or USB bundle) and leaving.

Insert-or-ignore by id; the same id with another hash is a conflict, never an update; a
known seq under another id is a fork; a seq beyond high water + 1 is a gap. A record of a
type only the township issues (kiosk/sync/authority.py) is rejected, one by one. Stored
entries move the merged balances; overdrafts are judged once the terminal's whole push is
in, at its pull (kiosk/township/tables/holds.py), and hold the account until it is made good.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from kiosk.sync import authority
from kiosk.sync.wire import Record
from kiosk.township.store import TOWNSHIP, Store
from kiosk.township.tables import holds, record_chain, terminals
from kiosk.township.tables import records as records_table
from kiosk.township.words import TownshipRefused, say

PUBLISHED = ("rule", "product", "price", "rate", "hold", "hold_released", "manager_confirmed")


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


def push(store: Store, terminal: sqlite3.Row, records: list[Record], books: str | None = None,
         credits: dict[str, int] | None = None) -> PushResult:
    """Store a terminal's batch in one transaction; raises TownshipRefused (403/409) for the
    whole batch on ownership, gap and fork, after logging the incident. `books`: those a USB
    bundle says it was numbered from; `credits`: what the push says its books knew of the credits
    of the accounts its spending touches (kiosk/township/tables/holds.py, spenders and credits)."""
    try:
        _check_ownership(terminal, records)
        with store.write() as conn:
            return _push(store, conn, terminal, sorted(records, key=lambda r: r.seq), books, credits)
    except TownshipRefused as refusal:
        if refusal.code in ("gap", "fork", "not_yours", "wrong_village"):
            kind = {"not_yours": "wrong_village"}.get(refusal.code, refusal.code)
            store.log_incident(kind, {"code": refusal.code, **refusal.params},
                               terminal_id=terminal["id"], village_id=terminal["village_id"])
        raise


def _push(store: Store, conn: sqlite3.Connection, terminal: sqlite3.Row, records: list[Record],
          books: str | None, credits: dict[str, int] | None = None) -> PushResult:
    tid, village_id = terminal["id"], terminal["village_id"]
    # what the township holds (grows with the batch's own new records) and the chain's last link, one round trip
    high_water, held_hashes, held_ids, chain_head = records_table.held(
        conn, tid, [r.id for r in records], [r.seq for r in records], (record_chain.HEAD, (tid,)))
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
    record_chain.extend(conn, tid, taken, fresh_terminal=start == 0, head=chain_head)   # the township's chain of them
    high_water = max(high_water, expected - 1)
    with conn.batch():          # PostgreSQL: these five statements in one round trip
        terminals.pushed(conn, tid, high_water, store.now_text())
        _merge_entries(store, conn, village_id, [r for r in fresh if r.type == "entry"], tid, books, credits)
    return PushResult(results, high_water)


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
                   pusher: str = TOWNSHIP, books: str | None = None, credits: dict[str, int] | None = None) -> None:
    """Stored entries move the merged balances; their accounts are judged for holds after the whole push
    (kiosk/township/tables/holds.py), the township's own entries at once."""
    holds.record_entries(store, conn, village_id, [e.body for e in entries], pusher, books, credits)


def resolve(store: Store, incident_id: str, note: str) -> dict:
    with store.write() as conn:
        row = terminals.open_incident(conn, incident_id)
        terminals.resolve_incident(conn, incident_id, store.now_text(), note)
        released = None
        if row["kind"] == "overdraft":
            released = holds.resolved_by_hand(store, conn, row, note)
    return {"incident": incident_id, "resolved": True, "released_record": released}


def pull(store: Store, terminal: sqlite3.Row, since: int, limit: int) -> dict:
    """What the village needs after `since`, in commit order; never the terminal's own.

    On the last page the cursor jumps to the top commit read before the page, so the next
    pull does not walk again over rows it skipped (this terminal's own pushes)."""
    read_with = "top" in terminal.keys()  # noqa: SIM118 (a row: `in` looks at values) read with the terminal
    settled = holds.settle_pushed(store, terminal["id"], terminal["to_settle"] if read_with else None)
    top = terminal["top"] if read_with and not settled else store.cursor_hint()
    if since >= top:                             # nothing committed after the cursor: no page to read
        return {"records": [], "cursor": since, "more": False}
    rows = records_table.pull_page(store, terminal["village_id"], since, terminal["id"], limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    records = [{"id": r["id"], "terminal_id": r["terminal_id"], "seq": r["seq"], "type": r["type"],
                "body": json.loads(r["body"]), "sha256": r["sha256"], "commit_no": r["commit_no"]} for r in rows]
    cursor = rows[-1]["commit_no"] if rows else since
    return {"records": records, "cursor": cursor if more else max(cursor, top), "more": more}
