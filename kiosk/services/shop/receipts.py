"""What a receipt says: the sale (or refund) as the shop prints it.

Printing renders a `Receipt`; it never reads the database itself.
"""

from __future__ import annotations

from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.core.receipts import normalise_receipt, parse_refund_number
from kiosk.core.weighed import amount
from kiosk.documents.receipt import Receipt, ReceiptLine
from kiosk.services.context import Context
from kiosk.services.shop.refunds import find_refund, find_sale, slip_number
from kiosk.store import sales as store
from kiosk.config import RECEIPT_FOOTER, SHOP_NAME
from kiosk.i18n import _
from kiosk.services.setup import settings



def default_shop_name(village: str) -> str:
    return _("{village}积分超市").format(village=village)


def shop_name(ctx: Context) -> str:
    """The name printed on the shop's papers: the setting, or the village's points shop."""
    return settings.value(ctx, SHOP_NAME) or default_shop_name(ctx.village.name)


def shop_lines(ctx: Context) -> tuple[str, str]:
    """The shop's name and the receipt footer, from the settings."""
    return shop_name(ctx), settings.value(ctx, RECEIPT_FOOTER)


def for_sale(ctx: Context, receipt_ref: str, copy: bool = False) -> Receipt:
    sale = find_sale(ctx, receipt_ref)
    shop, footer = shop_lines(ctx)
    lines = tuple(ReceiptLine(row["name"], row["qty"], Points(row["price"]),
                              amount(Points(row["price"]), row["qty"], row["qty_scale"]),
                              row["refunded"], row["qty_scale"])
                  for row in store.lines_with_refunded(ctx.db, sale["id"]))
    return Receipt("sale", ctx.village.name, shop, ctx.village.currency, sale["receipt"], sale["at"],
                   sale["operator_name"], sale["resident_name"], sale["house_no"], lines,
                   Points(sale["total"]), Points(sale["balance_before"]),
                   Points(sale["balance_after"]), footer, copy)


def for_refund(ctx: Context, refund_ref: str, copy: bool = False) -> Receipt:
    """A refund slip, by its number (退261122-01-0007-1, T26112201000701) or its id."""
    row = store.refund(ctx.db, refund_ref)
    refund_id = refund_ref if row is not None else find_refund(ctx, refund_ref)[0]
    row = row or store.refund(ctx.db, refund_id)
    if row is None:
        raise Refused("receipt_unknown", query=refund_ref)
    number = slip_number(ctx, row["sale_id"], row["receipt"], refund_id)
    shop, footer = shop_lines(ctx)
    lines = tuple(ReceiptLine(r["name"], r["qty"], Points(r["price"]),
                              amount(Points(r["price"]), r["qty"], r["qty_scale"]), scale=r["qty_scale"])
                  for r in store.refund_lines(ctx.db, refund_id))
    after = Points(row["balance_after"])
    return Receipt("refund", ctx.village.name, shop, ctx.village.currency, number, row["at"],
                   row["operator_name"], row["resident_name"], row["house_no"], lines,
                   Points(row["total"]), after - Points(row["total"]), after, footer, copy,
                   row["reason"], refund_id, row["receipt"])


def for_number(ctx: Context, number: str, copy: bool = False) -> Receipt:
    """A sale's receipt or a refund slip, whichever the number names."""
    if parse_refund_number(number) and not normalise_receipt(number):
        return for_refund(ctx, number, copy)
    return for_sale(ctx, number, copy)
