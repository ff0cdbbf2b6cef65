"""A delivery (入库) as its note shows it: who sent it, the lines, what they cost."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.weighed import Qty, quantity

# The kinds of supplier (供货方); the last two give goods rather than sell them.
TOWNSHIP, PURCHASE, DONOR, COMPANY = "乡镇配送", "采购", "爱心捐赠", "企业捐赠"
DONATIONS = (DONOR, COMPANY)


@dataclass(frozen=True)
class DeliveryLine:
    name: str
    code: str
    unit: str
    qty: int
    unit_cost: int | None = None     # fen for one unit
    scale: int = 1                   # steps per unit of a weighed product: qty is in steps

    @property
    def cost(self) -> int | None:
        return None if self.unit_cost is None else round(self.unit_cost * self.qty / self.scale)

    @property
    def shown(self) -> int | Qty:
        """The quantity as the note and the list show it: 12.5 (斤), not 125 steps."""
        return quantity(self.qty, self.scale)


@dataclass(frozen=True)
class Delivery:
    id: str
    number: str
    source: str
    note_no: str
    day: str
    operator: str
    at: str
    lines: tuple[DeliveryLine, ...]
    supplier: str = ""
    supplier_kind: str = ""
    supplier_contact: str = ""

    @property
    def total(self) -> int | Qty:
        return sum((line.shown for line in self.lines), 0)

    @property
    def value(self) -> int | None:
        """What the lines cost or were declared worth, in fen; None when none says."""
        costs = [line.cost for line in self.lines if line.cost is not None]
        return sum(costs) if costs else None

    @property
    def donation(self) -> bool:
        return self.supplier_kind in DONATIONS
