"""A day at the counter in figures (the shift summary, 交班): sales, refunds, goods out,
and each operator's part. Times are [start, end) as ledger text."""

from __future__ import annotations

import sqlite3

from kiosk.core.kinds import COUNTER_MOVES
from kiosk.store.db import Database
from kiosk.store.text import quoted


def sales(db: Database, start: str, end: str) -> tuple[int, int]:
    """(how many sales, their points in hundredths)."""
    row = db.one("SELECT COUNT(*), COALESCE(SUM(total), 0) FROM sale WHERE at >= ? AND at < ?", (start, end))
    return row[0], row[1]


def refunded(db: Database, start: str, end: str) -> int:
    return db.scalar("SELECT COALESCE(SUM(total), 0) FROM refund WHERE at >= ? AND at < ?", (start, end))


def goods_out(db: Database, start: str, end: str) -> list[sqlite3.Row]:
    """(name, out, qty_scale) of every product sold net of returns, most first."""
    return db.all(
        "SELECT p.name, -SUM(m.qty) AS out, p.qty_scale FROM stock_move m JOIN product p ON p.id = m.product_id"
        f" WHERE m.kind IN {quoted(COUNTER_MOVES)} AND m.at >= ? AND m.at < ?"
        " GROUP BY p.id HAVING out != 0 ORDER BY out DESC, p.name", (start, end))


def per_operator(db: Database, start: str, end: str) -> list[sqlite3.Row]:
    """(name, sales, sales points, refunds, refund points) of every operator, by name."""
    return db.all(
        "SELECT o.name, (SELECT COUNT(*) FROM sale s WHERE s.operator_id = o.id AND s.at >= ?1 AND s.at < ?2),"
        " (SELECT COALESCE(SUM(total), 0) FROM sale s WHERE s.operator_id = o.id AND s.at >= ?1 AND s.at < ?2),"
        " (SELECT COUNT(*) FROM refund f WHERE f.operator_id = o.id AND f.at >= ?1 AND f.at < ?2),"
        " (SELECT COALESCE(SUM(total), 0) FROM refund f WHERE f.operator_id = o.id AND f.at >= ?1 AND f.at < ?2)"
        " FROM operator o ORDER BY o.name", (start, end))
