"""The outbox: journal rows after the acknowledged high water, as wire Records.

Each record type names its table, its key column and what travels with it (a sale's
lines, its ledger entry and stock moves; a product's barcodes …). Bodies are plain JSON:
integers for points, base64 text for picture bytes. A body is frozen in `sync_outbox`
the first time it is read, so a resend after a cut connection carries the same bytes and
the township answers "duplicate", never "conflict".

Append-only records travel under their own id. Records that change over time (a
resident, a product, a claim when decided …) are journaled once per change: each
version travels under an id derived from (terminal, seq), with the row's id in the body.
"""

from __future__ import annotations

import json
import uuid

from kiosk.store import outbox as store
from kiosk.store import record_chain
from kiosk.store.bodies import (  # noqa: F401  (the record specs are read through the outbox too)
    SPECS,
    Part,
    Spec,
    UnknownRecordType,
    _plain,
    _rows_by,
    plain_bodies,
    plain_row,
)
from kiosk.store.db import Database
from kiosk.store.outbox import local_terminal_id
from kiosk.sync import outbox_guard, stamps
from kiosk.sync.wire import Record

_VERSIONS = uuid.UUID("6f1c2a4e-8d1b-4f57-9b0e-3c6d2f7a9e10")


def wire_id(spec: Spec, terminal_id: str, seq: int, record_id: str) -> str:
    return str(uuid.uuid5(_VERSIONS, f"{terminal_id}:{seq}")) if spec.versioned else record_id


def bodies(db: Database, record_type: str, record_ids: list[str]) -> dict[str, dict]:
    """The current body of each record of one type, read in a few queries."""
    out = plain_bodies(db, record_type, record_ids)
    if record_type in stamps.STAMPED:  # last-writer-wins needs a change time (see stamps.py)
        present = [key for key, body in out.items() if not body.get("removed")]
        for key, at in stamps.changed_at(db, record_type, present).items():
            out[key]["changed_at"] = at
    return out


def for_township(db: Database, st, limit: int = 200) -> list[Record]:
    """The next records to send, in the township's numbering (see sync_state in 0009_sync.sql)."""
    records = pending(db, st.local_after, limit, st.local_terminal_id, st.village_id)
    return [r.renumbered(st.terminal_id, r.seq + st.seq_base) for r in records]


def pending(db: Database, after: int, limit: int = 200, terminal_id: str | None = None,
            village_id: str | None = None) -> list[Record]:
    """Up to `limit` records of this terminal with seq > `after`, in seq order.

    `village_id`, when given, is the township's id for the village: it replaces the
    local one in bodies that name the village, before the body is frozen."""
    terminal_id = terminal_id or local_terminal_id(db)
    rows = store.journal_after(db, terminal_id, after, limit)
    if not rows:
        return []
    frozen = store.frozen(db, terminal_id, rows[0]["seq"], rows[-1]["seq"])
    forged = outbox_guard.contradicted(db, frozen, rows)
    if forged:   # frozen outside the program: sent from the books instead (kiosk/sync/outbox_guard.py)
        outbox_guard.drop(db, terminal_id, forged, frozen)
        frozen = {seq: row for seq, row in frozen.items() if seq not in forged}
    fresh = [r for r in rows if r["seq"] not in frozen]
    made = _serialise(db, terminal_id, fresh, village_id)
    if made:
        with db.write() as conn:
            store.freeze(conn, [(terminal_id, r.seq, r.id, r.type, r.wire_body().decode("utf-8"), r.sha256)
                                for r in made.values()])
    records = []
    for row in rows:
        if row["seq"] in made:
            records.append(made[row["seq"]])
        else:
            f = frozen[row["seq"]]
            records.append(Record(f["id"], terminal_id, f["seq"], f["type"], json.loads(f["body"]), f["sha256"]))
    return records


def _serialise(db: Database, terminal_id: str, rows, village_id: str | None) -> dict[int, Record]:
    by_type: dict[str, list[str]] = {}
    for row in rows:
        by_type.setdefault(row["record_type"], []).append(row["record_id"])
    made_bodies = {kind: bodies(db, kind, ids) for kind, ids in by_type.items()}
    if village_id:
        for found in made_bodies.values():
            for body in found.values():
                if "village_id" in body:
                    body["village_id"] = village_id
    return {row["seq"]: Record.make(wire_id(SPECS[row["record_type"]], terminal_id, row["seq"], row["record_id"]),
                                    terminal_id, row["seq"], row["record_type"],
                                    made_bodies[row["record_type"]][row["record_id"]])
            for row in rows}


def forget_acknowledged(conn, terminal_id: str, high_water: int) -> None:
    """Frozen bodies the township has acknowledged are no longer needed, once linked in the
    chain of the records sent (kiosk/store/record_chain.py)."""
    record_chain.extend(conn, terminal_id, high_water)
    store.forget_acknowledged(conn, terminal_id, high_water)


def waiting(db: Database, after: int, terminal_id: str | None = None) -> int:
    """How many local records after local seq `after` are still to send."""
    terminal_id = terminal_id or local_terminal_id(db)
    return store.waiting(db, terminal_id, after)
