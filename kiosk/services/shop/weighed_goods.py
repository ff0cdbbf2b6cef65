"""Making a product weighed or loose (散装): its quantities take decimals to a step.

The step is set before the product has any stock: stock and every movement are
kept in the product's steps, so changing the step afterwards would change what
the stored numbers mean. A product that already moved is refused, plainly.
"""

from __future__ import annotations

from kiosk.core.errors import Refused
from kiosk.core.weighed import scale_of_step, step_text
from kiosk.services.shop import products
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import goods as store
from kiosk.store import journal


def refuse_if_moved(ctx: Context, product: products.Product) -> None:
    """A step cannot change once the product has stock or movements: they are kept in steps."""
    if store.has_moves(ctx.db, product.id):
        raise Refused("qty_step_has_moves", name=product.name)


def set_step(ctx: Context, item: str, step: object) -> products.Product:
    """'0.1': sold by the 0.1 斤 (or 米, 公斤); '1': whole pieces again."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    product = products.resolve(ctx, item)
    scale = scale_of_step(step)
    if scale == product.scale:
        return product
    with ctx.db.write() as conn:
        refuse_if_moved(ctx, product)
        store.set_qty_scale(conn, product.id, scale, ctx.now_text())
        journal.record(conn, ctx.terminal.id, "product", product.id)
        audit_row(conn, ctx, "product.step", "product", product.id,
                  before={"step": step_text(product.scale)}, after={"step": step_text(scale)})
    return products.resolve(ctx, product.code)
