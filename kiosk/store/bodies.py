"""What each journaled record is, as plain JSON: the body that syncs and that the books' chain hashes.

Each record type names its table, its key column and what travels with it (a sale's
lines, its ledger entry and stock moves; a product's barcodes …). Bodies are plain JSON:
integers for points, base64 text for picture bytes. The outbox (kiosk/sync/outbox.py)
adds what only sync needs (a change time for last-writer-wins) to these bodies.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

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
    # a manager as the township's clerk confirms them (回避): never the PIN, nor its failures
    "manager": Spec("operator", versioned=True, hidden=("pin_hash", "failed_pins", "locked_until")),
}


class UnknownRecordType(RuntimeError):
    """A journaled type this outbox cannot serialise: a bug, never data to skip."""


def plain_row(row, hidden: tuple[str, ...] = ()) -> dict:
    return _plain(row.keys(), tuple(row), hidden)


def _plain(names, values: tuple, hidden: tuple[str, ...] = ()) -> dict:
    """A row as JSON: picture bytes as base64 text, hidden columns left out."""
    if not hidden and bytes not in map(type, values):   # the common row: no picture, nothing hidden
        return dict(zip(names, values))
    return {key: base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value
            for key, value in zip(names, values) if key not in hidden}


def rows_in(db, select: str, table: str, column: str, keys: list[str], order: str = "rowid", where: str = ""):
    """Cursors over the rows of `table` whose `column` is one of `keys` (`select` of each, plain
    tuples: a push reads a thousand rows a batch), 500 keys a statement, in (column, order)."""
    extra = f" AND {where}" if where else ""
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        cursor = db.execute(f"SELECT {select} FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))}){extra}"
                            f" ORDER BY {column}, {order}", tuple(chunk))
        cursor.row_factory = None
        yield cursor


def _rows_by(db, table: str, column: str, keys: list[str], order: str = "rowid",
             where: str = "", hidden: tuple[str, ...] = ()) -> dict[str, list[dict]]:
    """The rows whose `column` is one of `keys`, as plain dicts, by key."""
    found: dict[str, list[dict]] = {}
    for cursor in rows_in(db, "*", table, column, keys, order, where):
        names = [d[0] for d in cursor.description]
        at = names.index(column)
        for values in cursor.fetchall():
            found.setdefault(values[at], []).append(_plain(names, values, hidden))
    return found


def plain_bodies(db, record_type: str, record_ids: list[str]) -> dict[str, dict]:
    """The current body of each record of one type, read in a few queries.

    `db` is a Database or a sqlite3 connection. A record whose row is gone gets
    {key: id, "removed": true}."""
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
    return out
