"""Realistic receipts for the printing tests (青石村, 王小明, rice and soap)."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.points import Points
from kiosk.services.shop.receipts import Receipt, ReceiptLine

SHOP = "青石村积分超市"
RESIDENT = "王小明"
FOOTER = "积分兑换，文明你我"
RICE = "东北大米 5kg"
SOAP = "香皂"


def _line(name: str, qty: int, price: str) -> ReceiptLine:
    each = Points.parse(price)
    return ReceiptLine(name, qty, each, each * qty)


def sale(**changes) -> Receipt:
    lines = (_line(RICE, 1, "50"), _line(SOAP, 2, "2.75"))
    receipt = Receipt(
        kind="sale", village="青石村", shop=SHOP, currency="美德积分",
        number="261122-01-0007", at="2026-11-22 09:30:15", operator="李芳",
        resident=RESIDENT, household="3组12号", lines=lines,
        total=Points.parse("55.5"), balance_before=Points.parse("320"),
        balance_after=Points.parse("264.5"), footer=FOOTER,
    )
    return replace(receipt, **changes)


def refund(**changes) -> Receipt:
    receipt = sale(kind="refund", lines=(_line(SOAP, 1, "2.75"),), total=Points.parse("2.75"),
                   balance_before=Points.parse("264.5"), balance_after=Points.parse("267.25"),
                   reason="包装破损，村民退回")
    return replace(receipt, **changes)


def long_names() -> Receipt:
    return sale(lines=(_line("金龙鱼 东北大米 特级珍珠米 长粒香 10kg 装", 3, "120.5"),
                       _line("Lux soap bar, lemon scent (family pack)", 12, "2.75")),
                total=Points.parse("394.5"), balance_before=Points.parse("500"),
                balance_after=Points.parse("105.5"))
