"""SQL for 积分互认 sales: a visiting resident's exchange, kept here with both amounts."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database


def last_receipt_of_day(conn: sqlite3.Connection, prefix: str) -> str | None:
    return conn.execute("SELECT MAX(receipt) FROM cross_sale WHERE receipt >= ? AND receipt < ?",
                        (prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1))).fetchone()[0]


def insert(conn: sqlite3.Connection, *, id, receipt, visitor_name, home_village, home_currency, card_code,
           total, home_total, home_balance_after, rate, entry_record, operator_id, terminal_id, at,
           lines) -> None:
    conn.execute(
        "INSERT INTO cross_sale (id, receipt, visitor_name, home_village, home_currency, card_code, total,"
        " home_total, home_balance_after, rate, entry_record, operator_id, terminal_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, receipt, visitor_name, home_village, home_currency, card_code, total, home_total,
         home_balance_after, rate, entry_record, operator_id, terminal_id, at))
    conn.executemany(
        "INSERT INTO cross_sale_line (cross_sale_id, line_no, product_id, name, price, qty) VALUES (?, ?, ?, ?, ?, ?)",
        [(id, n, line.product_id, line.name, line.price.hundredths, line.qty) for n, line in enumerate(lines, 1)])


def sale(db: Database, sale_id: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM cross_sale WHERE id = ?", (sale_id,))


def lines(db: Database, sale_id: str) -> list[sqlite3.Row]:
    return db.all("SELECT * FROM cross_sale_line WHERE cross_sale_id = ? ORDER BY line_no", (sale_id,))
