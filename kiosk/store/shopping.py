"""What the shopping list reads: goods running low, what they sold lately, who brought them last."""

from __future__ import annotations

import sqlite3

from kiosk.core.kinds import COUNTER_MOVES
from kiosk.store.db import Database
from kiosk.store.text import quoted


def running_low(db: Database, since: str) -> list[sqlite3.Row]:
    """Active goods at or below their reorder level, with the units sold (net of returns) since
    `since`, the supplier of their latest delivery and that delivery's unit cost."""
    return db.all(
        "SELECT p.id, p.code, p.name, p.unit, p.reorder_level, p.qty_scale, COALESCE(s.qty, 0) AS stock,"
        " (SELECT -COALESCE(SUM(m.qty), 0) FROM stock_move m WHERE m.product_id = p.id"
        f"   AND m.kind IN {quoted(COUNTER_MOVES)} AND m.at >= ?) AS sold,"
        " (SELECT d.supplier_id FROM stock_move m JOIN delivery d ON d.id = m.delivery_id"
        "   WHERE m.product_id = p.id AND d.supplier_id IS NOT NULL"
        "   ORDER BY m.at DESC, m.rowid DESC LIMIT 1) AS supplier_id,"
        " (SELECT m.unit_cost FROM stock_move m WHERE m.product_id = p.id AND m.unit_cost IS NOT NULL"
        "   ORDER BY m.at DESC, m.rowid DESC LIMIT 1) AS last_cost"
        " FROM product p LEFT JOIN stock s ON s.product_id = p.id"
        " WHERE p.active = 1 AND COALESCE(s.qty, 0) <= p.reorder_level * p.qty_scale ORDER BY p.name",
        (since,))
