"""The cart at the counter: lines, totals, what the resident can afford."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.errors import Refused
from kiosk.core.points import Points, total
from kiosk.core.quantity import MAX_GOODS_COUNT, goods_count, whole_number
from kiosk.core.weighed import amount, shown


@dataclass
class CartLine:
    product_id: str
    name: str
    price: Points
    qty: int                  # in the product's steps (1.5 斤 is 15 at scale 10)
    scale: int = 1

    @property
    def amount(self) -> Points:
        return amount(self.price, self.qty, self.scale)

    @property
    def shown_qty(self) -> str:
        return shown(self.qty, self.scale)


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)

    def add(self, product_id: str, name: str, price: Points, qty: int = 1,
            scale: int = 1) -> CartLine:
        """Add `qty` steps of a product (pieces, or 0.1 斤 steps when scale is 10)."""
        qty = goods_count(qty) if scale == 1 else _steps_in_range(qty, scale)
        for line in self.lines:
            if line.product_id == product_id:
                self.set_qty(line.product_id, line.qty + qty)
                return line
        line = CartLine(product_id, name, price, qty, scale)
        self.lines.append(line)
        return line

    def set_qty(self, product_id: str, qty: int) -> None:
        qty = whole_number(qty)
        scale = next((line.scale for line in self.lines if line.product_id == product_id), 1)
        if qty > MAX_GOODS_COUNT * scale:
            raise Refused("qty_absurd", qty=shown(qty, scale), most=MAX_GOODS_COUNT)
        if qty <= 0:
            self.remove(product_id)
            return
        for line in self.lines:
            if line.product_id == product_id:
                line.qty = qty

    def remove(self, product_id: str) -> None:
        self.lines = [line for line in self.lines if line.product_id != product_id]

    def total(self) -> Points:
        return total(line.amount for line in self.lines)

    def unaffordable(self, balance: Points) -> list[CartLine]:
        """Lines that push the running total past the balance, in cart order."""
        running, over = Points.zero(), []
        for line in self.lines:
            running = running + line.amount
            if running > balance:
                over.append(line)
        return over

    def shortfall(self, balance: Points) -> Points:
        return Points(max(0, self.total().hundredths - balance.hundredths))

    def counts(self) -> dict[str, int]:
        """product id → quantity, merged over lines."""
        merged: dict[str, int] = {}
        for line in self.lines:
            merged[line.product_id] = merged.get(line.product_id, 0) + line.qty
        return merged


def _steps_in_range(qty: int, scale: int) -> int:
    count = whole_number(qty)
    if count <= 0:
        raise Refused("qty_not_positive", qty=shown(count, scale))
    if count > MAX_GOODS_COUNT * scale:
        raise Refused("qty_absurd", qty=shown(count, scale), most=MAX_GOODS_COUNT)
    return count
