"""Purchase limits (限购): the setting on a product, and what a household took in a period.

A household's take of a product in a period is what its residents' sales of it
came to, less what was refunded from those sales; a sale counts in the period of
its own date. Weeks run Monday to Sunday.
"""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database

# the first day of the period holding a sale's date, in SQL
PERIOD_START = {"week": "date(s.at, '-6 days', 'weekday 1')", "month": "date(s.at, 'start of month')"}

_TAKEN = (
    "SELECT COALESCE(SUM(l.qty - COALESCE((SELECT SUM(rl.qty) FROM refund_line rl"
    " JOIN refund f ON f.id = rl.refund_id WHERE f.sale_id = l.sale_id"
    " AND rl.line_no = l.line_no), 0)), 0)"
    " FROM sale_line l JOIN sale s ON s.id = l.sale_id JOIN resident r ON r.id = s.resident_id"
    " WHERE r.household_id = ? AND l.product_id = ? AND s.at >= ? AND s.at < ?"
)


def set_limit(conn: sqlite3.Connection, product_id: str, qty: int | None, period: str | None,
              at: str) -> None:
    conn.execute("UPDATE product SET limit_qty = ?, limit_period = ?, updated_at = ? WHERE id = ?",
                 (qty, period, at, product_id))


def limit_of(db: Database, product_id: str) -> sqlite3.Row | None:
    """The product's limit (limit_qty, limit_period, name, unit, qty_scale), or None."""
    return db.one("SELECT limit_qty, limit_period, name, unit, qty_scale FROM product"
                  " WHERE id = ? AND limit_qty IS NOT NULL", (product_id,))


def taken(db: Database | sqlite3.Connection, household_id: str, product_id: str,
          start: str, end: str) -> int:
    """Steps of the product the household took in [start, end) (dates), refunds deducted."""
    return db.execute(_TAKEN, (household_id, product_id, start, end)).fetchone()[0]


def over_limits(db: Database, since: str) -> list[sqlite3.Row]:
    """Household, product and period where the merged sales passed the limit (from `since`)."""
    parts = [
        f"SELECT h.house_no, p.name, p.unit, p.qty_scale, p.limit_qty, p.limit_period,"
        f" {start} AS period_start, SUM(l.qty - COALESCE((SELECT SUM(rl.qty) FROM refund_line rl"
        " JOIN refund f ON f.id = rl.refund_id WHERE f.sale_id = l.sale_id"
        " AND rl.line_no = l.line_no), 0)) AS taken"
        " FROM sale_line l JOIN sale s ON s.id = l.sale_id JOIN product p ON p.id = l.product_id"
        " JOIN resident r ON r.id = s.resident_id JOIN household h ON h.id = r.household_id"
        f" WHERE p.limit_period = '{period}' AND s.at >= ?"
        f" GROUP BY h.id, p.id, period_start HAVING taken > p.limit_qty"
        for period, start in PERIOD_START.items()]
    return db.all(" UNION ALL ".join(parts) + " ORDER BY period_start, house_no",
                  (since,) * len(parts))
