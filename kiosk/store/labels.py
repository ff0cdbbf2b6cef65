"""What price labels read: goods on sale, by category, by price change. Reads only."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database

_COLUMNS = (
    "SELECT p.id, p.code, p.name, p.unit, p.price, p.active, COALESCE(c.name, '') AS category"
    " FROM product p LEFT JOIN category c ON c.id = p.category_id"
)
_ORDER = " ORDER BY c.sort, c.name, p.name, p.code"


def goods_on_sale(db: Database, category: str | None = None,
                  changed_since: str | None = None) -> list[sqlite3.Row]:
    """Active goods, of one category and/or whose price changed at or after a time."""
    where, params = ["p.active = 1"], []
    if category is not None:
        where.append("c.name = ?")
        params.append(category)
    if changed_since is not None:
        where.append("p.id IN (SELECT product_id FROM price_change WHERE at >= ?)")
        params.append(changed_since)
    return db.all(f"{_COLUMNS} WHERE {' AND '.join(where)}{_ORDER}", tuple(params))


def category_exists(db: Database, name: str) -> bool:
    return db.scalar("SELECT 1 FROM category WHERE name = ?", (name,)) is not None


def categories(db: Database) -> list[str]:
    """Categories that have goods on sale, in the shop's order."""
    return [row[0] for row in db.all(
        "SELECT c.name FROM category c WHERE EXISTS"
        " (SELECT 1 FROM product p WHERE p.category_id = c.id AND p.active = 1)"
        " ORDER BY c.sort, c.name")]
