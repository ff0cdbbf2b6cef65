"""Stock movements with their delivery or write-off reason; deliveries; low stock."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kiosk.store import replica
from kiosk.store.db import Database

_MOVE_COLUMNS = ("id", "product_id", "kind", "qty", "source", "note", "operator_id",
                 "terminal_id", "at", "delivery_id", "why", "unit_cost", "best_before")


@dataclass(frozen=True)
class NewMove:
    id: str
    product_id: str
    kind: str
    qty: int
    terminal_id: str
    at: str
    operator_id: str | None = None
    source: str = ""
    note: str = ""
    delivery_id: str | None = None
    why: str | None = None
    unit_cost: int | None = None     # fen per unit: a purchase's cost, a donation's declared value
    best_before: str | None = None      # a delivery line's 保质期至 (YYYY-MM-DD)


def insert_moves(conn: sqlite3.Connection, moves: list[NewMove]) -> None:
    """Append movements; the trigger moves the cached stock. The caller journals them."""
    marks = ", ".join("?" * len(_MOVE_COLUMNS))
    conn.executemany(
        f"INSERT INTO stock_move ({', '.join(_MOVE_COLUMNS)}) VALUES ({marks})",
        [tuple(getattr(move, column) for column in _MOVE_COLUMNS) for move in moves],
    )


# --- deliveries -------------------------------------------------------------

def insert_delivery(conn: sqlite3.Connection, *, id, number, source, note_no, day,
                    operator_id, terminal_id, at, supplier_id=None) -> None:
    conn.execute(
        "INSERT INTO delivery (id, number, source, note_no, day, operator_id, terminal_id, at,"
        " supplier_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, number, source, note_no, day, operator_id, terminal_id, at, supplier_id),
    )


def last_delivery_number(conn: sqlite3.Connection, prefix: str) -> str | None:
    return conn.execute("SELECT MAX(number) FROM delivery WHERE number LIKE ? || '%'",
                        (prefix,)).fetchone()[0]


_DELIVERY = (
    "SELECT d.*, COALESCE(o.name, '') AS operator_name, COALESCE(u.name, '') AS supplier_name,"
    " COALESCE(u.kind, '') AS supplier_kind, COALESCE(u.contact, '') AS supplier_contact"
    " FROM delivery d LEFT JOIN operator o ON o.id = d.operator_id"
    " LEFT JOIN supplier u ON u.id = d.supplier_id"
)


def delivery(db: Database | sqlite3.Connection, *, id: str | None = None,
             number: str | None = None) -> sqlite3.Row | None:
    column, value = ("d.id", id) if id else ("d.number", number)
    return db.execute(f"{_DELIVERY} WHERE {column} = ?", (value,)).fetchone()


def delivery_with_note(db: Database | sqlite3.Connection, source: str,
                       note_no: str) -> sqlite3.Row | None:
    return db.execute(f"{_DELIVERY} WHERE d.source = ? AND d.note_no = ?",
                      (source, note_no)).fetchone()


def recent_deliveries(db: Database, limit: int = 20) -> list[sqlite3.Row]:
    return db.all(f"{_DELIVERY} ORDER BY d.at DESC, d.number DESC LIMIT ?", (limit,))


def delivery_lines(db: Database | sqlite3.Connection, delivery_id: str) -> list[sqlite3.Row]:
    """The delivery's movements in the order they were written, with their goods."""
    return db.execute(
        "SELECT p.name, p.code, p.unit, m.qty, m.unit_cost, p.qty_scale FROM stock_move m"
        " JOIN product p ON p.id = m.product_id WHERE m.delivery_id = ? ORDER BY m.rowid",
        (delivery_id,),
    ).fetchall()


# --- lists ------------------------------------------------------------------

def low_stock(db: Database) -> list[sqlite3.Row]:
    """Active goods with no more on hand than their reorder level, emptiest first."""
    return db.all(
        "SELECT p.id, p.code, p.name, p.unit, p.reorder_level, p.qty_scale,"
        " COALESCE(s.qty, 0) AS stock FROM product p LEFT JOIN stock s ON s.product_id = p.id"
        " WHERE p.active = 1 AND COALESCE(s.qty, 0) <= p.reorder_level * p.qty_scale"
        " ORDER BY COALESCE(s.qty, 0), COALESCE(s.qty, 0) - p.reorder_level, p.name"
    )


def low_among(db: Database, product_ids: list[str]) -> list[sqlite3.Row]:
    """Which of these goods are now at or below their reorder level."""
    marks = ", ".join("?" * len(product_ids))
    return db.all(
        "SELECT p.name, p.unit, p.reorder_level, p.qty_scale, COALESCE(s.qty, 0) AS stock"
        " FROM product p LEFT JOIN stock s ON s.product_id = p.id"
        f" WHERE p.id IN ({marks}) AND p.active = 1"
        " AND COALESCE(s.qty, 0) <= p.reorder_level * p.qty_scale"
        " ORDER BY p.name",
        tuple(product_ids),
    )


def moves(db: Database, *, product_id: str | None = None, since: str | None = None,
          kind: str | None = None, limit: int | None = None) -> list[sqlite3.Row]:
    """Movements, newest last (newest first when limited), with names to show."""
    where, params = [], []
    for clause, value in (("m.product_id = ?", product_id), ("m.at >= ?", since),
                          ("m.kind = ?", kind)):
        if value is not None:
            where.append(clause)
            params.append(value)
    sql = (
        "SELECT m.at, m.kind, m.qty, m.source, m.note, m.why, p.name, p.code, p.unit, p.qty_scale,"
        " COALESCE(o.name, '') AS operator_name, COALESCE(d.number, '') AS delivery_number,"
        " COALESCE(s.receipt, '') AS receipt FROM stock_move m"
        " JOIN product p ON p.id = m.product_id LEFT JOIN operator o ON o.id = m.operator_id"
        " LEFT JOIN delivery d ON d.id = m.delivery_id LEFT JOIN sale s ON s.id = m.sale_id"
        + (" WHERE " + " AND ".join(where) if where else "")
    )
    if limit is None:
        return db.all(sql + " ORDER BY m.at, m.rowid", tuple(params))
    return db.all(sql + " ORDER BY m.at DESC, m.rowid DESC LIMIT ?", (*params, limit))


# rows as sync receives them (from another counter, or the township), written column by column


def insert_received_move(conn: sqlite3.Connection, row: dict) -> None:
    replica.insert(conn, "stock_move", row)


def insert_received_delivery(conn: sqlite3.Connection, row: dict) -> None:
    replica.insert(conn, "delivery", row)
