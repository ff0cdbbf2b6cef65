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

import base64
import json
import uuid
from dataclasses import dataclass, field

from kiosk.store.db import Database
from kiosk.sync import stamps
from kiosk.sync.wire import Record

_VERSIONS = uuid.UUID("6f1c2a4e-8d1b-4f57-9b0e-3c6d2f7a9e10")


@dataclass(frozen=True)
class Part:
    """Rows of another table travelling in the body under `name`."""
    name: str
    table: str
    column: str
    order: str = "rowid"
    single: bool = False
    where: str = ""


@dataclass(frozen=True)
class Spec:
    table: str
    key: str = "id"
    versioned: bool = False
    parts: tuple[Part, ...] = field(default_factory=tuple)
    hidden: tuple[str, ...] = ()


SPECS: dict[str, Spec] = {
    "entry": Spec("entry"),
    "sale": Spec("sale", parts=(Part("lines", "sale_line", "sale_id", "line_no"),
                                Part("entry", "entry", "sale_id", single=True, where="kind = 'redeem'"),
                                Part("stock_moves", "stock_move", "sale_id", where="kind = 'sale'"))),
    "refund": Spec("refund", parts=(Part("lines", "refund_line", "refund_id", "line_no"),
                                    Part("entry", "entry", "refund_id", single=True),
                                    Part("stock_moves", "stock_move", "refund_id"))),
    "cross_sale": Spec("cross_sale", parts=(Part("lines", "cross_sale_line", "cross_sale_id", "line_no"),)),
    "stock_move": Spec("stock_move"),
    "delivery": Spec("delivery"),
    "price_change": Spec("price_change"),
    "household_event": Spec("household_event"),
    "activity": Spec("activity", parts=(Part("lines", "activity_line", "activity_id", "line_no"),
                                        Part("photo", "activity_photo", "activity_id", single=True))),
    "product": Spec("product", versioned=True, parts=(Part("barcodes", "barcode", "product_id", "code"),)),
    "product_picture": Spec("product_picture", key="product_id", versioned=True),
    "resident": Spec("resident", versioned=True, hidden=("pin_hash",),
                     parts=(Part("retired_cards", "retired_card", "resident_id", "code"),)),
    "household": Spec("household", versioned=True),
    "account": Spec("account", versioned=True),
    "rule": Spec("rule", versioned=True),
    "claim": Spec("claim", versioned=True),
    "objection": Spec("objection", versioned=True),
    "supplier": Spec("supplier", versioned=True),
}


class UnknownRecordType(RuntimeError):
    """A journaled type this outbox cannot serialise: a bug, never data to skip."""


def wire_id(spec: Spec, terminal_id: str, seq: int, record_id: str) -> str:
    return str(uuid.uuid5(_VERSIONS, f"{terminal_id}:{seq}")) if spec.versioned else record_id


def plain_row(row, hidden: tuple[str, ...] = ()) -> dict:
    return _plain(row.keys(), tuple(row), hidden)


def _plain(names, values: tuple, hidden: tuple[str, ...] = ()) -> dict:
    """A row as JSON: picture bytes as base64 text, hidden columns left out."""
    if not hidden and bytes not in map(type, values):   # the common row: no picture, nothing hidden
        return dict(zip(names, values))
    return {key: base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value
            for key, value in zip(names, values) if key not in hidden}


def _rows_by(db: Database, table: str, column: str, keys: list[str], order: str = "rowid",
             where: str = "", hidden: tuple[str, ...] = ()) -> dict[str, list[dict]]:
    """The rows whose `column` is one of `keys`, as plain dicts, by key."""
    found: dict[str, list[dict]] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        extra = f" AND {where}" if where else ""
        sql = (f"SELECT * FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))}){extra}"
               f" ORDER BY {column}, {order}")
        cursor = db.execute(sql, tuple(chunk))
        cursor.row_factory = None   # plain tuples: a push reads a thousand rows a batch
        names = [d[0] for d in cursor.description]
        at = names.index(column)
        for values in cursor.fetchall():
            found.setdefault(values[at], []).append(_plain(names, values, hidden))
    return found


def bodies(db: Database, record_type: str, record_ids: list[str]) -> dict[str, dict]:
    """The current body of each record of one type, read in a few queries."""
    spec = SPECS.get(record_type)
    if spec is None:
        raise UnknownRecordType(record_type)
    keys = sorted(set(record_ids))
    mains = {k: rows[0] for k, rows in _rows_by(db, spec.table, spec.key, keys, hidden=spec.hidden).items()}
    parts = {p.name: _rows_by(db, p.table, p.column, keys, p.order, p.where) for p in spec.parts}
    out = {}
    for key in keys:
        if key not in mains:
            out[key] = {spec.key: key, "removed": True}
            continue
        body = mains[key]
        for part in spec.parts:
            rows = parts[part.name].get(key, [])
            body[part.name] = (rows[0] if rows else None) if part.single else rows
        out[key] = body
    if record_type in stamps.STAMPED:  # last-writer-wins needs a change time (see stamps.py)
        for key, at in stamps.changed_at(db, record_type, list(mains)).items():
            out[key]["changed_at"] = at
    return out


def local_terminal_id(db: Database) -> str:
    return db.scalar("SELECT value FROM meta WHERE key = 'terminal_id'")


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
    rows = db.all("SELECT seq, record_type, record_id FROM journal WHERE terminal_id = ? AND seq > ?"
                  " ORDER BY seq LIMIT ?", (terminal_id, after, limit))
    if not rows:
        return []
    frozen = {r["seq"]: r for r in db.all(
        "SELECT * FROM sync_outbox WHERE terminal_id = ? AND seq BETWEEN ? AND ?",
        (terminal_id, rows[0]["seq"], rows[-1]["seq"]))}
    fresh = [r for r in rows if r["seq"] not in frozen]
    made = _serialise(db, terminal_id, fresh, village_id)
    if made:
        with db.write() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO sync_outbox (terminal_id, seq, id, type, body, sha256)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(terminal_id, r.seq, r.id, r.type, r.wire_body().decode("utf-8"), r.sha256)
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
    """Frozen bodies the township has acknowledged are no longer needed."""
    conn.execute("DELETE FROM sync_outbox WHERE terminal_id = ? AND seq <= ?", (terminal_id, high_water))


def waiting(db: Database, after: int, terminal_id: str | None = None) -> int:
    """How many local records after local seq `after` are still to send."""
    terminal_id = terminal_id or local_terminal_id(db)
    return db.scalar("SELECT COUNT(*) FROM journal WHERE terminal_id = ? AND seq > ?",
                     (terminal_id, after))
