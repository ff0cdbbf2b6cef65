"""Stock-takes (盘点): the open count, its snapshot lines and the counted quantities."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database

Reader = Database | sqlite3.Connection


def open_count(db: Reader) -> sqlite3.Row | None:
    return db.execute(
        "SELECT c.*, COALESCE(o.name, '') AS started_by_name FROM stock_count c"
        " LEFT JOIN operator o ON o.id = c.started_by WHERE c.status = 'open'"
    ).fetchone()


def count_by_id(db: Reader, count_id: str) -> sqlite3.Row | None:
    return db.execute(
        "SELECT c.*, COALESCE(o.name, '') AS started_by_name FROM stock_count c"
        " LEFT JOIN operator o ON o.id = c.started_by WHERE c.id = ?", (count_id,)
    ).fetchone()


def insert_count(conn: sqlite3.Connection, *, id, started_by, started_at, terminal_id) -> int:
    """A new open count with a snapshot of every active (or still stocked) product."""
    conn.execute(
        "INSERT INTO stock_count (id, started_by, started_at, terminal_id) VALUES (?, ?, ?, ?)",
        (id, started_by, started_at, terminal_id),
    )
    return conn.execute(
        "INSERT INTO stock_count_line (count_id, product_id, snapshot)"
        " SELECT ?, p.id, COALESCE(s.qty, 0) FROM product p LEFT JOIN stock s ON s.product_id = p.id"
        " WHERE p.active = 1 OR COALESCE(s.qty, 0) != 0",
        (id,),
    ).rowcount


_LINES = (
    "SELECT l.*, p.name, p.code, p.unit, COALESCE(s.qty, 0) AS on_hand FROM stock_count_line l"
    " JOIN product p ON p.id = l.product_id LEFT JOIN stock s ON s.product_id = p.id"
    " LEFT JOIN category c ON c.id = p.category_id"
)


def lines(db: Reader, count_id: str) -> list[sqlite3.Row]:
    """Every line, in shelf order (category, then name), with today's stock."""
    return db.execute(f"{_LINES} WHERE l.count_id = ? ORDER BY c.sort, p.name, p.code",
                      (count_id,)).fetchall()


def line(db: Reader, count_id: str, product_id: str) -> sqlite3.Row | None:
    return db.execute(f"{_LINES} WHERE l.count_id = ? AND l.product_id = ?",
                      (count_id, product_id)).fetchone()


def add_line(conn: sqlite3.Connection, count_id: str, product_id: str, snapshot: int) -> None:
    """A product the snapshot did not hold (added or stocked after the count began)."""
    conn.execute("INSERT INTO stock_count_line (count_id, product_id, snapshot) VALUES (?, ?, ?)",
                 (count_id, product_id, snapshot))


def set_counted(conn: sqlite3.Connection, *, count_id, product_id, counted, at_count,
                counted_at, counted_by) -> None:
    conn.execute(
        "UPDATE stock_count_line SET counted = ?, at_count = ?, counted_at = ?, counted_by = ?"
        " WHERE count_id = ? AND product_id = ?",
        (counted, at_count, counted_at, counted_by, count_id, product_id),
    )


def set_move(conn: sqlite3.Connection, count_id: str, product_id: str, move_id: str) -> None:
    conn.execute("UPDATE stock_count_line SET move_id = ? WHERE count_id = ? AND product_id = ?",
                 (move_id, count_id, product_id))


def close(conn: sqlite3.Connection, *, count_id, status, closed_by, closed_at, reason) -> None:
    conn.execute(
        "UPDATE stock_count SET status = ?, closed_by = ?, closed_at = ?, reason = ? WHERE id = ?",
        (status, closed_by, closed_at, reason, count_id),
    )


def shift_book_at_count(conn: sqlite3.Connection, product_id: str, qty: int) -> None:
    """A book correction made after the item was counted in the open count: its book
    figure of that moment moves with it, so posting does not add the correction twice."""
    conn.execute(
        "UPDATE stock_count_line SET at_count = at_count + ? WHERE product_id = ?"
        " AND counted IS NOT NULL AND count_id IN (SELECT id FROM stock_count WHERE status = 'open')",
        (qty, product_id),
    )
