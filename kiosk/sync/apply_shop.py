"""Applying what another counter of this village did in the shop: sales, refunds, stock
movements, deliveries, and the village's own goods, prices, pictures and rules.

Stock is never last-writer-wins: it is the sum of movements, and movements merge by
union (inserted once by id). A sale or refund arrives whole with its lines, its ledger
entry and its movements, so the books add up after every page whatever the order; the
same entry or movement arriving again by its own record is already here and done.
"""

from __future__ import annotations

from kiosk.store import catalogue, cross_sales, goods, replica, rules, sales, stock, suppliers
from kiosk.store.replica import exists, held
from kiosk.sync import stamps
from kiosk.sync.apply_rows import TOWNSHIP, insert_entry, remote_wins
from kiosk.sync.wire import Record

# a sale or refund, its writer and its lines' writer (each table's own store module)
EXCHANGES = {"sale": (sales.insert_received_sale, sales.insert_received_sale_line),
             "refund": (sales.insert_received_refund, sales.insert_received_refund_line),
             "cross_sale": (cross_sales.insert_received, cross_sales.insert_received_line)}


def stock_move(conn, record: Record) -> bool:
    _moves(conn, [record.body])
    return True


def _moves(conn, moves: list[dict]) -> None:
    for move in moves:
        if not exists(conn, "stock_move", move["id"]):
            stock.insert_received_move(conn, move)


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
    write_row, write_line = EXCHANGES[table]
    write_row(conn, body, **_receipt_free(conn, table, body))
    for line in body.get("lines") or []:
        write_line(conn, line)
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
        stock.insert_received_delivery(conn, record.body)
    return True


def supplier(conn, record: Record) -> bool:
    """A supplier added or changed at another counter: the later version wins."""
    body = record.body
    here = held(conn, "supplier", ("updated_at",), body["id"])
    if here is None:
        suppliers.insert_received(conn, body)
    elif remote_wins(conn, record, here[0]):
        suppliers.update_received(conn, body)
    return True


def price_change(conn, record: Record) -> bool:
    if not exists(conn, "price_change", record.body["id"]):
        catalogue.insert_received_price_change(conn, record.body)
    return True


def village_product(conn, record: Record) -> bool:
    body = dict(record.body)
    if body.get("category_id") and not exists(conn, "category", body["category_id"]):
        body["category_id"] = None  # categories are each counter's own; the product still counts
    here = held(conn, "product", ("owner", "updated_at"), body["id"])
    if here is None:
        goods.insert_received_product(conn, body)
        goods.open_stock_once(conn, body["id"])
    elif here[0] != "village":
        return False
    elif remote_wins(conn, record, here[1]):
        goods.update_received_product(conn, body)
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
        catalogue.insert_received_picture(conn, body)
    elif remote_wins(conn, record, here[0], key="product_id"):
        catalogue.update_received_picture(conn, body)
    return True


def village_rule(conn, record: Record) -> bool:
    body = record.body
    here = held(conn, "rule", ("owner",), body["id"])
    if here is None:
        rules.insert_received_rule(conn, body)
    elif here[0] != "village":
        return False
    elif remote_wins(conn, record, stamps.held_stamp(conn, "rule", body["id"])):
        rules.update_received_rule(conn, body)
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
