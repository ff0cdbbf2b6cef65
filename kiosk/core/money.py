"""Money in yuan (元), kept as integer fen (分): costs of goods bought, values of gifts.

Points are never money; this is only for what the village paid or was given, which
its accounts and audits of public funds ask for.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kiosk.core.errors import Refused

MAX_FEN = 100_000_000_00          # a hundred million yuan: beyond any village shop's line


def parse_yuan(value: object) -> int:
    """Typed yuan ('12.5', '12.50', 12) as fen; refused, never a float, never a crash."""
    text = str(value if value is not None else "").strip().replace("元", "").replace("¥", "")
    text = text.replace("，", "").replace(",", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise Refused("yuan_bad", value=str(value)[:20]) from None
    if not amount.is_finite() or amount < 0:
        raise Refused("yuan_bad", value=str(value)[:20])
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise Refused("yuan_too_fine", value=str(value)[:20])
    if fen > MAX_FEN:
        raise Refused("yuan_absurd", value=str(value)[:20])
    return int(fen)


def yuan_text(fen: int | None) -> str:
    """12.50 for 1250 fen: always two decimals, as an account book writes it."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{whole}.{cents:02d}"
