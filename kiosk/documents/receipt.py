"""What a receipt says: a sale (or refund) as the shop prints it."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.points import Points
from kiosk.core.receipts import scan_code
from kiosk.core.weighed import amount, shown


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    qty: int
    price: Points
    amount: Points
    refunded: int = 0         # given back since (a reprint marks it 已退)
    scale: int = 1            # steps per unit of a weighed product (qty 15 at 10 is 1.5)

    @property
    def shown_qty(self) -> str:
        return shown(self.qty, self.scale)

    @property
    def shown_refunded(self) -> str:
        return shown(self.refunded, self.scale)

    @property
    def refunded_amount(self) -> Points:
        return amount(self.price, self.refunded, self.scale)


@dataclass(frozen=True)
class Receipt:
    kind: str                 # "sale" or "refund"
    village: str
    shop: str
    currency: str
    number: str               # 261122-01-0007
    at: str
    operator: str
    resident: str
    household: str
    lines: tuple[ReceiptLine, ...]
    total: Points
    balance_before: Points
    balance_after: Points
    footer: str
    copy: bool = False        # a reprint: marked 重打 / COPY
    reason: str = ""          # a refund's reason
    slip: str = ""            # a refund's own id (one sale may have several refunds)
    sale_number: str = ""     # a refund slip: the receipt of the sale it gives back

    @property
    def barcode(self) -> str:
        """What a scanner reads back: a sale's digits (Code128 packs them in pairs), or a
        refund slip's T-code."""
        return scan_code(self.number)
