"""The catalogue's own rows: pictures, price history, and every product for the search list."""

from __future__ import annotations

import sqlite3

from kiosk.store import replica
from kiosk.store.db import Database


def catalogue_rows(db: Database) -> list[sqlite3.Row]:
    """Every product with its barcodes (space-separated), in the counter's order."""
    return db.all(
        "SELECT p.id, p.code, p.name, p.initials, p.unit, p.price, p.reorder_level, p.active,"
        " p.qty_scale, p.limit_qty, p.limit_period,"
        " p.owner, c.name AS category, COALESCE(s.qty, 0) AS stock,"
        " (SELECT group_concat(b.code, ' ') FROM barcode b WHERE b.product_id = p.id) AS codes,"
        " EXISTS (SELECT 1 FROM product_picture x WHERE x.product_id = p.id) AS has_picture"
        " FROM product p LEFT JOIN category c ON c.id = p.category_id"
        " LEFT JOIN stock s ON s.product_id = p.id ORDER BY c.sort, p.name"
    )


def catalogue_stamp(db: Database) -> tuple:
    """Changes whenever a product is added, edited or retired."""
    return tuple(db.one("SELECT COUNT(*), MAX(updated_at), SUM(active) FROM product"))


def categories(db: Database) -> list[str]:
    return [r[0] for r in db.all("SELECT name FROM category ORDER BY sort, name")]


def units(db: Database) -> list[str]:
    return [r[0] for r in db.all("SELECT unit FROM product GROUP BY unit ORDER BY COUNT(*) DESC")]


def insert_price_change(conn, *, id, product_id, old_price, new_price, operator_id, at) -> None:
    conn.execute(
        "INSERT INTO price_change (id, product_id, old_price, new_price, operator_id, at)"
        " VALUES (?, ?, ?, ?, ?, ?)", (id, product_id, old_price, new_price, operator_id, at))


def price_changes(db: Database, product_id: str) -> list[sqlite3.Row]:
    return db.all(
        "SELECT pc.old_price, pc.new_price, pc.at, COALESCE(o.name, '') AS operator"
        " FROM price_change pc LEFT JOIN operator o ON o.id = pc.operator_id"
        " WHERE pc.product_id = ? ORDER BY pc.at, pc.rowid", (product_id,))


def picture(db: Database, product_id: str) -> sqlite3.Row | None:
    return db.one("SELECT mime, width, height, data, sha256 FROM product_picture"
                  " WHERE product_id = ?", (product_id,))


def picture_hash(db: Database, product_id: str) -> str | None:
    return db.scalar("SELECT sha256 FROM product_picture WHERE product_id = ?", (product_id,))


def put_picture(conn, *, product_id, mime, width, height, data, sha256, at) -> None:
    conn.execute(
        "INSERT INTO product_picture (product_id, mime, width, height, data, sha256, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (product_id) DO UPDATE SET mime = excluded.mime,"
        " width = excluded.width, height = excluded.height, data = excluded.data,"
        " sha256 = excluded.sha256, updated_at = excluded.updated_at",
        (product_id, mime, width, height, data, sha256, at))


def delete_picture(conn, product_id: str) -> None:
    conn.execute("DELETE FROM product_picture WHERE product_id = ?", (product_id,))


# rows as sync receives them (from another counter, or the township), written column by column

RECEIVED_PICTURE = ("mime", "width", "height", "data", "sha256", "updated_at")


def insert_received_price_change(conn, row: dict) -> None:
    replica.insert(conn, "price_change", row)


def insert_received_picture(conn, row: dict) -> None:
    """The picture's data travels as base64."""
    replica.insert(conn, "product_picture", row, blobs=("data",))


def update_received_picture(conn, row: dict) -> None:
    replica.update(conn, "product_picture", "product_id", row, RECEIVED_PICTURE, blobs=("data",))
