"""Products, their barcodes, categories and the cached stock."""

from __future__ import annotations

import sqlite3

from kiosk.store import journal, replica
from kiosk.store.db import Database
from kiosk.store.text import escape_like

PRODUCT_COLUMNS = (
    "p.id, p.code, p.name, p.initials, p.unit, p.price, p.reorder_level, p.active, p.owner, p.qty_scale,"
    " c.name AS category, COALESCE(s.qty, 0) AS stock"
)
_FROM = (
    " FROM product p LEFT JOIN category c ON c.id = p.category_id"
    " LEFT JOIN stock s ON s.product_id = p.id"
)


def category_id(db: Database, name: str) -> str | None:
    return db.scalar("SELECT id FROM category WHERE name = ?", (name,))


def category_names(db: Database) -> list[str]:
    return [r[0] for r in db.all("SELECT name FROM category ORDER BY sort, name")]


def product_with_name(db: Database, name: str) -> sqlite3.Row | None:
    """The product already called exactly `name` (names are kept unique), or None."""
    return db.one(f"SELECT {PRODUCT_COLUMNS}{_FROM} WHERE p.name = ? LIMIT 1", (name,))


def insert_category(conn, *, id, name, sort) -> None:
    conn.execute("INSERT INTO category (id, name, sort) VALUES (?, ?, ?)", (id, name, sort))


def insert_product(conn, *, id, code, name, initials, category_id, unit, price,
                   reorder_level, at, qty_scale: int = 1) -> None:
    conn.execute(
        "INSERT INTO product (id, code, name, initials, category_id, unit, price, reorder_level,"
        " created_at, updated_at, qty_scale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, code, name, initials, category_id, unit, price, reorder_level, at, at, qty_scale),
    )
    conn.execute("INSERT INTO stock (product_id, qty) VALUES (?, 0)", (id,))


def insert_barcode(conn, code: str, product_id: str) -> None:
    conn.execute("INSERT INTO barcode (code, product_id) VALUES (?, ?)", (code, product_id))


def delete_barcode(conn, code: str, product_id: str) -> None:
    conn.execute("DELETE FROM barcode WHERE code = ? AND product_id = ?", (code, product_id))


def update_product(conn, *, id, name, initials, category_id, unit, price, reorder_level,
                   at) -> None:
    conn.execute(
        "UPDATE product SET name = ?, initials = ?, category_id = ?, unit = ?, price = ?,"
        " reorder_level = ?, updated_at = ? WHERE id = ?",
        (name, initials, category_id, unit, price, reorder_level, at, id),
    )


def set_active(conn, product_id: str, active: bool, at: str) -> None:
    conn.execute("UPDATE product SET active = ?, updated_at = ? WHERE id = ?",
                 (int(active), at, product_id))


def product(db: Database, product_id: str) -> sqlite3.Row | None:
    return db.one(f"SELECT {PRODUCT_COLUMNS}{_FROM} WHERE p.id = ?", (product_id,))


def product_by_code(db: Database, code: str) -> sqlite3.Row | None:
    """By barcode (any of a product's) or by its own product code, in any letter case
    (the exact spelling first; indexes barcode_nocase and product_code_nocase)."""
    row = db.one(
        f"SELECT {PRODUCT_COLUMNS}{_FROM} JOIN barcode b ON b.product_id = p.id"
        " WHERE b.code = ?1 COLLATE NOCASE ORDER BY b.code != ?1 LIMIT 1", (code,),
    )
    return row or db.one(f"SELECT {PRODUCT_COLUMNS}{_FROM} WHERE p.code = ?1 COLLATE NOCASE"
                         " ORDER BY p.code != ?1 LIMIT 1", (code,))


def products_named(db: Database, text: str, limit: int = 20) -> list[sqlite3.Row]:
    like = escape_like(text) + "%"
    return db.all(
        f"SELECT {PRODUCT_COLUMNS}{_FROM} WHERE p.name = ?1 OR p.name LIKE ?2 ESCAPE '\\'"
        " OR p.initials LIKE ?2 ESCAPE '\\' ORDER BY p.name != ?1, p.active DESC, p.name LIMIT ?3",
        (text, like, limit),
    )


def list_products(db: Database, include_retired: bool = False) -> list[sqlite3.Row]:
    where = "" if include_retired else " WHERE p.active = 1"
    return db.all(f"SELECT {PRODUCT_COLUMNS}{_FROM}{where} ORDER BY c.sort, p.name")


def barcodes_of(db: Database, product_id: str) -> list[str]:
    return [r[0] for r in db.all("SELECT code FROM barcode WHERE product_id = ?", (product_id,))]


def barcode_owner(db: Database, code: str) -> sqlite3.Row | None:
    return db.one(
        "SELECT p.id, p.name FROM barcode b JOIN product p ON p.id = b.product_id"
        " WHERE b.code = ? COLLATE NOCASE UNION SELECT id, name FROM product WHERE code = ? COLLATE NOCASE",
        (code, code),
    )


def max_in_store_number(db: Database) -> int:
    """The highest in-store number given out, by product code or extra barcode.

    A range on the barcode key (not LIKE) so that it is an index seek: an import adds
    thousands of products, each asking this."""
    code = db.scalar("SELECT code FROM barcode WHERE code >= '2' AND code < '3'"
                     " AND length(code) = 13 ORDER BY code DESC LIMIT 1")
    return int(code[1:12]) if code else 0


def set_qty_scale(conn, product_id: str, qty_scale: int, at: str) -> None:
    conn.execute("UPDATE product SET qty_scale = ?, updated_at = ? WHERE id = ?",
                 (qty_scale, at, product_id))


def has_moves(db: Database, product_id: str) -> bool:
    return db.scalar("SELECT 1 FROM stock_move WHERE product_id = ? LIMIT 1", (product_id,)) is not None


def stock_of(db: Database | sqlite3.Connection, product_id: str) -> int:
    row = db.execute("SELECT qty FROM stock WHERE product_id = ?", (product_id,)).fetchone()
    return row[0] if row else 0


def move(conn: sqlite3.Connection, *, id, product_id, kind, qty, terminal_id, at,
         sale_id=None, refund_id=None, source="", note="", operator_id=None) -> None:
    """Append a stock movement; the trigger moves the cached stock with it."""
    conn.execute(
        "INSERT INTO stock_move (id, product_id, kind, qty, sale_id, refund_id, source, note,"
        " operator_id, terminal_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, product_id, kind, qty, sale_id, refund_id, source, note, operator_id, terminal_id, at),
    )
    journal.record(conn, terminal_id, "stock_move", id)


def products_by_ids(db: Database, ids: list[str]) -> dict[str, sqlite3.Row]:
    marks = ", ".join("?" * len(ids))
    rows = db.all(f"SELECT {PRODUCT_COLUMNS}{_FROM} WHERE p.id IN ({marks})", tuple(ids))
    return {row["id"]: row for row in rows}


def sale_moves(conn: sqlite3.Connection, *, sale_id: str, lines, terminal_id: str, at: str,
               operator_id: str | None, ids: list[str]) -> None:
    """The stock movements of one sale, written together; the trigger moves the stock.

    Their journal rows are the caller's to write (with the sale's own)."""
    conn.executemany(
        "INSERT INTO stock_move (id, product_id, kind, qty, sale_id, operator_id, terminal_id, at)"
        " VALUES (?, ?, 'sale', ?, ?, ?, ?, ?)",
        [(move_id, line.product_id, -line.qty, sale_id, operator_id, terminal_id, at)
         for move_id, line in zip(ids, lines, strict=True)],
    )


def stock_mismatches(db: Database) -> list[sqlite3.Row]:
    return db.all(
        "WITH sums AS (SELECT product_id, SUM(qty) AS total FROM stock_move GROUP BY product_id)"
        " SELECT p.id AS product_id, p.name, COALESCE(s.qty, 0) AS cached,"
        " COALESCE(m.total, 0) AS summed FROM product p"
        " LEFT JOIN stock s ON s.product_id = p.id LEFT JOIN sums m ON m.product_id = p.id"
        " WHERE COALESCE(s.qty, 0) != COALESCE(m.total, 0)"
    )


# Written when a record from the township or another counter arrives (kiosk/sync/apply*.py).


def open_stock_once(conn, product_id: str) -> None:
    conn.execute("INSERT OR IGNORE INTO stock (product_id, qty) VALUES (?, 0)", (product_id,))


def barcode_once(conn, code: str, product_id: str) -> None:
    conn.execute("INSERT OR IGNORE INTO barcode (code, product_id) VALUES (?, ?)", (code, product_id))


def township_price(conn, price: int, product_id: object, code: object) -> bool:
    return conn.execute("UPDATE product SET price = ? WHERE owner = 'township' AND (id = ? OR code = ?)",
                        (price, product_id, code)).rowcount == 1


# rows as sync receives them (from another counter, or the township), written column by column

RECEIVED_PRODUCT_CHANGES = ("code", "name", "initials", "category_id", "unit", "price", "reorder_level", "active",
                            "qty_scale", "limit_qty", "limit_period", "updated_at")
TOWNSHIP_PRODUCT = ("id", "code", "name", "initials", "category_id", "unit", "price", "reorder_level",
                    "active", "created_at", "updated_at")


def insert_received_product(conn, row: dict) -> None:
    """A village product made at another counter."""
    replica.insert(conn, "product", row, owner="village")


def update_received_product(conn, row: dict) -> None:
    replica.update(conn, "product", "id", row, RECEIVED_PRODUCT_CHANGES)


def put_township_product(conn, row: dict) -> None:
    """A township product, added or brought up to date (owner 'township')."""
    replica.township_row(conn, "product", TOWNSHIP_PRODUCT, [row.get(c) for c in TOWNSHIP_PRODUCT])
