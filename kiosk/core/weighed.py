"""Weighed and loose goods (散装): quantities with decimals, kept as whole steps.

A product's `scale` is how many steps make one unit: 1 for pieces, 10 when it is
weighed to 0.1 斤, 100 for 0.01, 1000 for 0.001 (grams of a 公斤). Every stored
quantity of such a product is an integer number of steps: 1.5 斤 is 15. Only typing
and showing a quantity go through this module.

Points for a line are exact to the hundredth: price (per unit, in hundredths) ×
steps ÷ scale, rounded half up (ROUND_HALF_UP, like the points rules). A refund of
part of a line gives back amount(all given back so far) − amount(given back before),
so all the refunds of a line add up to exactly what the line cost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.core.quantity import MAX_GOODS_COUNT, goods_count, whole_number

SCALES = {1: "1", 10: "0.1", 100: "0.01", 1000: "0.001"}
_DECIMAL = re.compile(r"^\s*([0-9]{1,9})(?:\.([0-9]*))?\s*$")


def scale_of_step(step: object) -> int:
    """'0.1' → 10; the step a manager types for a weighed product ('1' for pieces)."""
    text = unicodedata.normalize("NFKC", str(step if step is not None else "1")).strip() or "1"
    for scale, shown in SCALES.items():
        if text in (shown, shown.rstrip("0")) or (scale == 1 and text in ("1.0", "")):
            return scale
    raise Refused("qty_step_bad", step=text[:20])


def step_text(scale: int) -> str:
    return SCALES.get(scale, "1")


def steps(value: object, scale: int, most: int = MAX_GOODS_COUNT) -> int:
    """A typed quantity ('1.5', 2) in steps of the product: 1.5 at scale 10 → 15.

    Whole-piece goods keep the whole-number rules and words; weighed goods refuse
    more decimals than their step, zero, negatives and more than `most` units.
    """
    if scale == 1:
        return _whole(value, most)
    text = unicodedata.normalize("NFKC", str(value)).strip()[:20]
    if isinstance(value, bool):
        raise Refused("qty_not_number", qty=text)
    match = _DECIMAL.match(text)
    if not match:
        code = "qty_not_positive" if text.startswith("-") else "qty_not_number"
        raise Refused(code, qty=text)
    whole, frac = match[1], (match[2] or "").rstrip("0")
    if len(frac) > len(str(scale)) - 1:
        raise Refused("qty_finer_than_step", qty=text, step=step_text(scale))
    count = int(whole) * scale + (int(frac.ljust(len(str(scale)) - 1, "0")) if frac else 0)
    if count <= 0:
        raise Refused("qty_not_positive", qty=text)
    if count > most * scale:
        raise Refused("qty_absurd", qty=text, most=most)
    return count


def _whole(value: object, most: int) -> int:
    if most == MAX_GOODS_COUNT:
        return goods_count(value)
    count = whole_number(value)
    if count <= 0:
        raise Refused("qty_not_positive", qty=str(value))
    if count > most:
        raise Refused("qty_absurd", qty=str(value), most=most)
    return count


def shown(count: int, scale: int = 1) -> str:
    """Steps as people read them: 15 at scale 10 → '1.5'; 20 → '2'; -5 → '-0.5'."""
    if scale == 1:
        return str(count)
    sign = "-" if count < 0 else ""
    whole, frac = divmod(abs(count), scale)
    if not frac:
        return f"{sign}{whole}"
    digits = len(str(scale)) - 1
    return f"{sign}{whole}.{frac:0{digits}d}".rstrip("0")


def amount(price: Points, count: int, scale: int = 1) -> Points:
    """Points for `count` steps at `price` per unit, rounded half up to the hundredth."""
    exact = price.hundredths * count
    if scale == 1:
        return Points(exact)
    sign = -1 if exact < 0 else 1
    return Points(sign * ((2 * abs(exact) + scale) // (2 * scale)))


def refund_amount(price: Points, count: int, already: int, scale: int = 1) -> Points:
    """What giving back `count` more steps returns when `already` were given back."""
    return amount(price, already + count, scale) - amount(price, already, scale)


def json_qty(count: int, scale: int = 1) -> int | str:
    """A quantity for --json: a number for pieces (as always), a decimal string when weighed."""
    return count if scale == 1 else shown(count, scale)


@dataclass(frozen=True, slots=True)
class Qty:
    """A weighed product's stored quantity as a report shows it: str() → '1.5'.

    Quantities add up (a table's total) in the finer of the two steps; pieces are
    plain ints (scale 1), so 3 + Qty(15, 10) → Qty(45, 10), shown '4.5'.
    """
    count: int
    scale: int

    def __str__(self) -> str:
        return shown(self.count, self.scale)

    def __bool__(self) -> bool:
        return self.count != 0

    def __add__(self, other: object) -> Qty:
        if isinstance(other, bool) or not isinstance(other, (int, Qty)):
            return NotImplemented
        them = other if isinstance(other, Qty) else Qty(other, 1)
        finer = max(self.scale, them.scale)
        return Qty(self.count * (finer // self.scale) + them.count * (finer // them.scale), finer)

    __radd__ = __add__

    def __neg__(self) -> Qty:
        return Qty(-self.count, self.scale)

    def __sub__(self, other: object) -> Qty:
        return self + (-other)          # type: ignore[operator]

    def __rsub__(self, other: object) -> Qty:
        return (-self) + other          # type: ignore[operator]

    def number(self) -> Decimal:
        """For a spreadsheet cell: an exact decimal number."""
        return Decimal(str(self))

    def json(self) -> int | str:
        return json_qty(self.count, self.scale)


def quantity(count: int, scale: int = 1) -> int | Qty:
    """A stored quantity (steps) as every report, paper and list shows it: pieces stay ints,
    weighed goods become a Qty that prints '1.5' and goes into --json as "1.5"."""
    return count if scale == 1 else Qty(count, scale)
