"""A product form's step (计量步长) and purchase limit (限购), checked and written.

The step says how the product is counted: '1' whole pieces, '0.1' weighed to the 0.1 斤
(kiosk.core.weighed). It is part of the form a manager fills in, the command line's
add and edit, and a goods list's columns; a change stays refused once the product has
stock or movements (weighed_goods.refuse_if_moved), since every stored number is in steps.
A limit is typed in units ('2', '1.5' 斤) and kept in steps; '' or '0' means none.
"""

from __future__ import annotations

from kiosk.core.weighed import scale_of_step, shown, step_text, steps
from kiosk.services.shop import limits
from kiosk.services.context import Context
from kiosk.store import goods as goods_store
from kiosk.store import limits as limits_store

MEASURE_FIELDS = ("step", "limit", "per")


def fields(scale: int, limit: int | None, per: str | None) -> dict:
    """A product's step and limit as the form shows them: {'step': '0.1', 'limit': '2', 'per': 'month'}."""
    return {"step": step_text(scale), "limit": shown(limit, scale) if limit else "",
            "per": (per or "") if limit else ""}


def checked(step: object, limit: object, per: object) -> dict:
    """The typed step and limit, refused plainly when wrong; in the shape of `fields`."""
    scale = scale_of_step(step)
    typed = str(limit if limit is not None else "").strip()
    if typed in ("", "0"):
        return fields(scale, None, None)
    return fields(scale, steps(typed, scale), limits.period_code(per or "month"))


def refuse_step_change(ctx: Context, product, step: object) -> None:
    """Said first, before the rest of the form is checked in the new step."""
    if scale_of_step(step) != product.scale:
        from kiosk.services.shop.weighed_goods import refuse_if_moved
        refuse_if_moved(ctx, product)


def write(conn, product_id: str, after: dict, at: str) -> None:
    """Writes the step and the limit (in the new step) of a product, inside the caller's write."""
    scale = scale_of_step(after["step"])
    goods_store.set_qty_scale(conn, product_id, scale, at)
    count = steps(after["limit"], scale) if after["limit"] else None
    limits_store.set_limit(conn, product_id, count, after["per"] or None if count else None, at)
