"""SQL for 积分互认 sales: a visiting resident's exchange, kept here with both amounts."""

from __future__ import annotations

import sqlite3

from kiosk.store import replica
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


# pending: asked of the township, answer not yet recorded ------------------------------

def last_receipt_reserved(conn: sqlite3.Connection, prefix: str) -> str | None:
    """The day's last receipt number, sold or only reserved by a pending exchange."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return conn.execute("SELECT MAX(r) FROM (SELECT MAX(receipt) AS r FROM cross_sale WHERE receipt >= ?1"
                        " AND receipt < ?2 UNION ALL SELECT MAX(receipt) FROM cross_pending WHERE receipt >= ?1"
                        " AND receipt < ?2)", (prefix, upper)).fetchone()[0]


def insert_pending(conn: sqlite3.Connection, *, id, card_code, home_village_id, amount, receipt, lines, operator_id,
                   terminal_id, created_at) -> None:
    conn.execute("INSERT INTO cross_pending (id, card_code, home_village_id, amount, receipt, lines, operator_id,"
                 " terminal_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (id, card_code, home_village_id, amount, receipt, lines, operator_id, terminal_id, created_at))


def end_pending(conn: sqlite3.Connection, pending_id: str, outcome: str, code: str, at: str) -> None:
    conn.execute("INSERT INTO cross_pending_end (pending_id, outcome, code, settled_at) VALUES (?, ?, ?, ?)",
                 (pending_id, outcome, code, at))


def mark_asked_again(conn: sqlite3.Connection, pending_id: str, at: str) -> None:
    """Asked by anything but its first asking: kept before that request leaves (the first time only)."""
    conn.execute("INSERT OR IGNORE INTO cross_pending_asked (pending_id, asked_at) VALUES (?, ?)", (pending_id, at))


def asked_again(conn: sqlite3.Connection, pending_id: str) -> bool:
    return conn.execute("SELECT 1 FROM cross_pending_asked WHERE pending_id = ?", (pending_id,)).fetchone() is not None


def pending(db: Database | sqlite3.Connection, pending_id: str) -> sqlite3.Row | None:
    """A pending exchange with how it ended (outcome None while still open)."""
    return db.execute("SELECT p.*, e.outcome, e.code FROM cross_pending p"
                      " LEFT JOIN cross_pending_end e ON e.pending_id = p.id WHERE p.id = ?",
                      (pending_id,)).fetchone()


# A pending exchange (alias p) not ended yet: asked of the township, its answer not recorded.
_STILL_OPEN = "NOT EXISTS (SELECT 1 FROM cross_pending_end e WHERE e.pending_id = p.id)"


def open_pending(db: Database) -> list[sqlite3.Row]:
    """Exchanges asked of the township whose answer is not recorded yet, oldest first."""
    return db.all(f"SELECT p.* FROM cross_pending p WHERE {_STILL_OPEN} ORDER BY p.created_at, p.rowid")


def open_for_card(db: Database, card_code: str, home_village_id: str | None) -> sqlite3.Row | None:
    """The oldest exchange of this visitor (card, and home village when known on both sides) still
    waiting for the township's answer, or None."""
    return db.one("SELECT p.* FROM cross_pending p WHERE p.card_code = ?"
                  f" AND (? IS NULL OR p.home_village_id IS NULL OR p.home_village_id = ?) AND {_STILL_OPEN}"
                  " ORDER BY p.created_at, p.rowid LIMIT 1", (card_code, home_village_id, home_village_id))


def open_count(db: Database) -> int:
    return db.scalar(f"SELECT COUNT(*) FROM cross_pending p WHERE {_STILL_OPEN}")


# reports: cross-village sales beside the village's own -------------------------------

def sales_in(db: Database, start: str, end: str) -> tuple[int, int]:
    """(cross-village sales, this village's points) made in [start, end)."""
    row = db.one("SELECT COUNT(*), COALESCE(SUM(total), 0) FROM cross_sale WHERE at >= ? AND at < ?", (start, end))
    return row[0], row[1]


def goods_sold(db: Database, start: str, end: str) -> list[sqlite3.Row]:
    """(product_id, qty, hundredths) of cross-village sales in [start, end)."""
    return db.all("SELECT l.product_id, SUM(l.qty) AS qty, SUM(l.qty * l.price) AS hundredths"
                  " FROM cross_sale s JOIN cross_sale_line l ON l.cross_sale_id = s.id"
                  " WHERE s.at >= ? AND s.at < ? GROUP BY l.product_id", (start, end))


def per_operator(db: Database, start: str, end: str) -> dict[str, tuple[int, int]]:
    """operator name -> (cross-village sales, points) in [start, end)."""
    return {r[0]: (r[1], r[2]) for r in db.all(
        "SELECT o.name, COUNT(*), SUM(s.total) FROM cross_sale s JOIN operator o ON o.id = s.operator_id"
        " WHERE s.at >= ? AND s.at < ? GROUP BY o.id", (start, end))}


# rows as sync receives them (from another counter, or the township), written column by column


def insert_received(conn: sqlite3.Connection, row: dict, **override: object) -> None:
    """`override`: a receipt number this PC gave again (kiosk.sync.apply_shop)."""
    replica.insert(conn, "cross_sale", row, **override)


def insert_received_line(conn: sqlite3.Connection, row: dict) -> None:
    replica.insert(conn, "cross_sale_line", row)
