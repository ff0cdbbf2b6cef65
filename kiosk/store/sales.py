"""Sales (兑换单), their lines, refunds, and receipt numbers."""

from __future__ import annotations

import sqlite3

from kiosk.store import journal, replica
from kiosk.store.db import Database


def last_receipt_of_day(conn: sqlite3.Connection, prefix: str) -> str | None:
    """Highest receipt starting with `prefix` ('261122-01-'), using the unique index."""
    return conn.execute(
        "SELECT MAX(receipt) FROM sale WHERE receipt >= ? AND receipt < ?",
        (prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)),
    ).fetchone()[0]


def insert_sale(conn, *, id, receipt, resident_id, account_id, total, balance_before,
                balance_after, operator_id, terminal_id, at, lines, journaled=True) -> None:
    conn.execute(
        "INSERT INTO sale (id, receipt, resident_id, account_id, total, balance_before,"
        " balance_after, operator_id, terminal_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, receipt, resident_id, account_id, total, balance_before, balance_after,
         operator_id, terminal_id, at),
    )
    conn.executemany(
        "INSERT INTO sale_line (sale_id, line_no, product_id, name, price, qty, qty_scale)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(id, n, line.product_id, line.name, line.price.hundredths, line.qty, line.scale)
         for n, line in enumerate(lines, start=1)],
    )
    if journaled:
        journal.record(conn, terminal_id, "sale", id)


def sale_by_receipt(db: Database, receipt: str) -> sqlite3.Row | None:
    return db.one(
        "SELECT s.*, r.name AS resident_name, h.house_no, o.name AS operator_name"
        " FROM sale s JOIN resident r ON r.id = s.resident_id"
        " JOIN household h ON h.id = r.household_id JOIN operator o ON o.id = s.operator_id"
        " WHERE s.receipt = ?", (receipt,)
    )


def lines_with_refunded(db: Database, sale_id: str) -> list[sqlite3.Row]:
    return db.all(
        "SELECT l.*, COALESCE((SELECT SUM(rl.qty) FROM refund_line rl JOIN refund f"
        " ON f.id = rl.refund_id WHERE f.sale_id = l.sale_id AND rl.line_no = l.line_no), 0)"
        " AS refunded FROM sale_line l WHERE l.sale_id = ? ORDER BY l.line_no", (sale_id,)
    )


def sale_entry_id(db: Database, sale_id: str) -> str | None:
    return db.scalar("SELECT id FROM entry WHERE sale_id = ? AND kind = 'redeem'", (sale_id,))


def line_refunds(db: Database, sale_id: str, line_no: int) -> list[sqlite3.Row]:
    """The refunds that gave back some of a sale's line, oldest first."""
    return db.all(
        "SELECT f.id, f.at, f.reason, rl.qty FROM refund_line rl JOIN refund f ON f.id = rl.refund_id"
        " WHERE f.sale_id = ? AND rl.line_no = ? ORDER BY f.at, f.id", (sale_id, line_no),
    )


def insert_refund(conn, *, id, sale_id, total, balance_after, reason, operator_id, terminal_id,
                  at, lines: list[tuple[int, int]]) -> None:
    conn.execute(
        "INSERT INTO refund (id, sale_id, total, balance_after, reason, operator_id, terminal_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (id, sale_id, total, balance_after, reason, operator_id, terminal_id, at),
    )
    conn.executemany(
        "INSERT INTO refund_line (refund_id, line_no, qty) VALUES (?, ?, ?)",
        [(id, line_no, qty) for line_no, qty in lines],
    )
    journal.record(conn, terminal_id, "refund", id)


def sales_not_whole(db: Database) -> list[str]:
    """Receipts whose lines, ledger entry or stock movements do not add up."""
    rows = db.all(
        "SELECT s.receipt FROM sale s WHERE"
        " s.total != (SELECT COALESCE(SUM((2 * price * qty + qty_scale) / (2 * qty_scale)), 0)"
        "             FROM sale_line WHERE sale_id = s.id)"
        " OR -s.total != (SELECT COALESCE(SUM(hundredths), 0) FROM entry"
        "                 WHERE sale_id = s.id AND kind = 'redeem')"
        " OR (SELECT COALESCE(SUM(qty), 0) FROM sale_line WHERE sale_id = s.id)"
        "  != -(SELECT COALESCE(SUM(qty), 0) FROM stock_move WHERE sale_id = s.id AND kind = 'sale')"
    )
    return [row[0] for row in rows]


def refund(db: Database, refund_id: str) -> sqlite3.Row | None:
    return db.one(
        "SELECT f.*, s.receipt, r.name AS resident_name, h.house_no, o.name AS operator_name"
        " FROM refund f JOIN sale s ON s.id = f.sale_id JOIN resident r ON r.id = s.resident_id"
        " JOIN household h ON h.id = r.household_id JOIN operator o ON o.id = f.operator_id"
        " WHERE f.id = ?", (refund_id,)
    )


def refund_lines(db: Database, refund_id: str) -> list[sqlite3.Row]:
    return db.all(
        "SELECT l.name, l.price, rl.qty, l.qty_scale FROM refund_line rl JOIN refund f ON f.id = rl.refund_id"
        " JOIN sale_line l ON l.sale_id = f.sale_id AND l.line_no = rl.line_no"
        " WHERE rl.refund_id = ? ORDER BY rl.line_no", (refund_id,)
    )


def refund_ids_of_sale(db: Database, sale_id: str) -> list[str]:
    """A sale's refunds in the order they were made: the n-th is refund slip n."""
    return [row[0] for row in db.all(
        "SELECT id FROM refund WHERE sale_id = ? ORDER BY at, id", (sale_id,))]


# rows as sync receives them (from another counter, or the township), written column by column


def insert_received_sale(conn, row: dict, **override: object) -> None:
    """`override`: a receipt number this PC gave again (kiosk.sync.apply_shop)."""
    replica.insert(conn, "sale", row, **override)


def insert_received_sale_line(conn, row: dict) -> None:
    replica.insert(conn, "sale_line", row)


def insert_received_refund(conn, row: dict, **override: object) -> None:
    replica.insert(conn, "refund", row, **override)


def insert_received_refund_line(conn, row: dict) -> None:
    replica.insert(conn, "refund_line", row)
