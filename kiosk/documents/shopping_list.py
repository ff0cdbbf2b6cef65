"""The shopping list (采购清单): what to order, grouped by supplier."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.weighed import Qty


@dataclass(frozen=True)
class ShoppingLine:
    name: str
    code: str
    unit: str
    stock: int | Qty           # as shown (kiosk.core.weighed.quantity)
    reorder_level: int         # units
    sold: int | Qty            # in the last three months, net of returns
    suggested: int             # whole units
    last_cost: int | None      # fen per unit at the latest priced delivery

    @property
    def cost(self) -> int | None:
        return None if self.last_cost is None else self.last_cost * self.suggested


@dataclass(frozen=True)
class ShoppingGroup:
    supplier: str              # empty: goods never delivered by a recorded supplier
    kind: str
    contact: str
    lines: tuple[ShoppingLine, ...]
