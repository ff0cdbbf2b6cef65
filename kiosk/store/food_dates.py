"""Dated receipts (入库 with a best-before date) per product, newest first, with stock on hand."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from kiosk.store.db import Database


def dated_receipts(db: Database) -> dict[str, list[sqlite3.Row]]:
    """product id → its receive movements, newest first, for goods that have any dated one."""
    rows = db.all(
        "SELECT m.product_id, m.qty, m.best_before, m.at, d.number AS delivery_number,"
        " p.name, p.code, p.unit, p.qty_scale, COALESCE(s.qty, 0) AS on_hand"
        " FROM stock_move m JOIN product p ON p.id = m.product_id"
        " LEFT JOIN stock s ON s.product_id = m.product_id"
        " LEFT JOIN delivery d ON d.id = m.delivery_id"
        " WHERE m.kind = 'receive' AND p.active = 1 AND m.product_id IN"
        "  (SELECT product_id FROM stock_move WHERE best_before IS NOT NULL)"
        " ORDER BY m.product_id, m.at DESC, m.id DESC")
    found: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        found[row["product_id"]].append(row)
    return dict(found)
