"""Applying what another counter of this village did in the shop: sales, refunds, stock
movements, deliveries, and the village's own goods, prices, pictures and rules.

Stock is never last-writer-wins: it is the sum of movements, and movements merge by
union (inserted once by id). A sale or refund arrives whole with its lines, its ledger
entry and its movements, so the books add up after every page whatever the order; the
same entry or movement arriving again by its own record is already here and done.
"""

from __future__ import annotations

from kiosk.store import catalogue, goods, replica
from kiosk.store.replica import exists, held, insert, update
from kiosk.sync import stamps
from kiosk.sync.apply_rows import TOWNSHIP, insert_entry, remote_wins
from kiosk.sync.wire import Record

PRODUCT_TEXT = ("code", "name", "initials", "category_id", "unit", "price", "reorder_level", "active",
                "qty_scale", "limit_qty", "limit_period", "updated_at")
RULE_TEXT = ("code", "name", "category", "shape", "points", "unit", "cap", "cap_period", "doubles_within_days",
             "needs_review", "active", "max_qty", "version")
PICTURE = ("mime", "width", "height", "data", "sha256", "updated_at")


def stock_move(conn, record: Record) -> bool:
    _moves(conn, [record.body])
    return True


def _moves(conn, moves: list[dict]) -> None:
    for move in moves:
        if not exists(conn, "stock_move", move["id"]):
            insert(conn, "stock_move", move)


def _entry(conn, body: dict | None) -> None:
    if body and not insert_entry(conn, body):
        raise ValueError("the account of this sale or refund is not here yet")


RECEIPT_AGAIN = "-R"    # marks a sale whose receipt number this PC gave again after its books went back


def _exchange(conn, record: Record, table: str) -> bool:
    """A sale or a refund, whole: its row, its lines, its ledger entry and its stock moves.

    A sale of this PC's that came back from the township after its books went back in time
    (kiosk.sync.rollback) may carry a receipt number the PC gave again before it found out:
    it is kept under that number with RECEIPT_AGAIN after it, never dropped."""
    body = record.body
    if exists(conn, table, body["id"]):
        return True
    insert(conn, table, body, **_receipt_free(conn, table, body))
    for line in body.get("lines") or []:
        insert(conn, f"{table}_line", line)
    _entry(conn, body.get("entry"))
    _moves(conn, body.get("stock_moves") or [])
    return True


def _receipt_free(conn, table: str, body: dict) -> dict:
    receipt = body.get("receipt")
    if table not in ("sale", "cross_sale") or not isinstance(receipt, str):
        return {}
    if not replica.receipt_taken(conn, table, receipt):
        return {}
    return {"receipt": receipt + RECEIPT_AGAIN}


def sale(conn, record: Record) -> bool:
    return _exchange(conn, record, "sale")


def cross_sale(conn, record: Record) -> bool:
    """Another village's resident served at the other counter: the points came off their home
    account at the township; here only the sale and its lines (its stock moves come on their own)."""
    return _exchange(conn, record, "cross_sale")


def refund(conn, record: Record) -> bool:
    return _exchange(conn, record, "refund")


def delivery(conn, record: Record) -> bool:
    if not exists(conn, "delivery", record.body["id"]):
        insert(conn, "delivery", record.body)
    return True


def supplier(conn, record: Record) -> bool:
    """A supplier added or changed at another counter: the later version wins."""
    body = record.body
    here = held(conn, "supplier", ("updated_at",), body["id"])
    if here is None:
        insert(conn, "supplier", body)
    elif remote_wins(conn, record, here[0]):
        update(conn, "supplier", "id", body, ("name", "kind", "contact", "active", "updated_at"))
    return True


def price_change(conn, record: Record) -> bool:
    if not exists(conn, "price_change", record.body["id"]):
        insert(conn, "price_change", record.body)
    return True


def village_product(conn, record: Record) -> bool:
    body = dict(record.body)
    if body.get("category_id") and not exists(conn, "category", body["category_id"]):
        body["category_id"] = None  # categories are each counter's own; the product still counts
    here = held(conn, "product", ("owner", "updated_at"), body["id"])
    if here is None:
        insert(conn, "product", body, owner="village")
        goods.open_stock_once(conn, body["id"])
    elif here[0] != "village":
        return False
    elif remote_wins(conn, record, here[1]):
        update(conn, "product", "id", body, PRODUCT_TEXT)
    for code in body.get("barcodes") or []:
        code = code["code"] if isinstance(code, dict) else code
        goods.barcode_once(conn, code, body["id"])
    return True


def product_picture(conn, record: Record) -> bool:
    body = record.body
    here = held(conn, "product_picture", ("updated_at",), body["product_id"], key="product_id")
    if body.get("removed"):
        catalogue.delete_picture(conn, body["product_id"])
    elif here is None:
        insert(conn, "product_picture", body, blobs=("data",))
    elif remote_wins(conn, record, here[0], key="product_id"):
        update(conn, "product_picture", "product_id", body, PICTURE, blobs=("data",))
    return True


def village_rule(conn, record: Record) -> bool:
    body = record.body
    here = held(conn, "rule", ("owner",), body["id"])
    if here is None:
        insert(conn, "rule", body, owner="village")
    elif here[0] != "village":
        return False
    elif remote_wins(conn, record, stamps.held_stamp(conn, "rule", body["id"])):
        update(conn, "rule", "id", body, RULE_TEXT)
    return True


def from_a_counter(village_handler, township_handler):
    """Rules and products come from the township (read-only here) or from a counter of ours."""
    def handle(conn, record: Record) -> bool:
        if record.terminal_id == TOWNSHIP:
            return township_handler(conn, record.body)
        return village_handler(conn, record)
    return handle


HANDLERS = {"stock_move": stock_move, "sale": sale, "cross_sale": cross_sale, "refund": refund, "delivery": delivery,
            "price_change": price_change, "product_picture": product_picture, "supplier": supplier}
