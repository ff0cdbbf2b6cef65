"""Each sale line's price beside the product's price as the books' chain held it when the sale
was chained: a price put in with sqlite3 for one sale (the product's chain trigger dropped) and
put back afterwards leaves every chained body equal to its record, but not this.

A product's chained bodies carry its price and when it last changed (updated_at). A sale is
held to them where it was first chained (a restore re-journals unsent sales, chaining them again
after prices that came in since), and only after the chain's milestone (kiosk/store/
chain_milestone.py: books chained whole by migration 0016 carry today's product bodies beside
last year's sales). A line is compared only when the product's last chained change is not later
than the sale's time (a change made on another counter carries that counter's clock).
"""

from __future__ import annotations

from kiosk.store import chain_milestone
from kiosk.store.chain import BY_TYPE

# A sale's lines as they are now; the chain check holds them to the sale's chained body.
_LINES = ("SELECT s.id, s.receipt, s.at, l.product_id, l.name, l.price FROM sale s"
          " JOIN sale_line l ON l.sale_id = s.id ORDER BY s.id, l.line_no")
_WALK = ("SELECT c.position, c.record_type, c.record_id, json_extract(c.body, '$.price'),"
         " json_extract(c.body, '$.updated_at') FROM chain c"
         f" WHERE c.record_type IN ('product', 'sale') AND c.{BY_TYPE} ORDER BY c.position")


def sold_off_price(conn) -> list[tuple[str, str, str, int, int]]:
    """(receipt, sale time, goods name, price sold at, price chained then) of each sale line
    whose price is not the product's chained price when the sale was made, in chain order."""
    lines: dict[str, list[tuple]] = {}
    for sale_id, receipt, at, product_id, name, price in conn.execute(_LINES).fetchall():
        lines.setdefault(sale_id, []).append((receipt, at, product_id, name, price))
    chained: dict[str, tuple[int, str]] = {}
    off, checked_from, seen = [], chain_milestone.position(conn), set()
    for position, kind, record_id, price, changed_at in conn.execute(_WALK).fetchall():
        if kind == "product":
            if isinstance(price, int):
                chained[record_id] = (price, changed_at or "")
            else:
                chained.pop(record_id, None)         # gone, or a body this program cannot read
            continue
        if record_id in seen or position < checked_from:
            seen.add(record_id)
            continue
        seen.add(record_id)
        for receipt, at, product_id, name, sold in lines.get(record_id, ()):
            then = chained.get(product_id)
            if then is not None and then[1] <= at and sold != then[0]:
                off.append((receipt, at, name, sold, then[0]))
    return off
