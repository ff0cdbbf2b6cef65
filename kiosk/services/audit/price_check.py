"""`kiosk check`: a sale line priced other than its product's price in the books' chain then
(kiosk/store/chain_prices.py): a price changed behind the program's back for one sale and put back."""

from __future__ import annotations

from kiosk.core.points import Points
from kiosk.services.audit.check_words import Found, said
from kiosk.store import chain_prices


def problems(conn) -> list[str]:
    """One line naming the first sale line sold at another price than the chain's, and how many."""
    off = chain_prices.sold_off_price(conn)
    if not off:
        return []
    receipt, at, name, sold, then = off[0]
    return [Found(said("sold_off_price", receipt=receipt, when=at[:16], name=name, sold=Points(sold),
                       then=Points(then), count=len(off)),
                  f"sale {receipt}: {name} sold at {sold}, the chain's price then {then}")]
