"""kiosk product step ITEM STEP: sell a product by weight or length (散装, 0.1 斤)."""

from __future__ import annotations

from kiosk.cli.session import acting
from kiosk.core.weighed import step_text
from kiosk.i18n import _
from kiosk.services.shop import weighed_goods


def register(pr, operator_options) -> None:
    p = pr.add_parser("step", help=_("散装称重：数量可以有小数（如 0.1 斤）"))
    p.add_argument("item")
    p.add_argument("step", help=_("最小数量：1 整件，0.1、0.01 或 0.001"))
    operator_options(p)
    p.set_defaults(run=product_step)


def product_step(args, out) -> None:
    with acting(args) as ctx:
        product = weighed_goods.set_step(ctx, args.item, args.step)
    step = step_text(product.scale)
    words = _("{name} 按 {step}{unit} 称量兑换").format(name=product.name, step=step, unit=product.unit) \
        if product.weighed else _("{name} 按整件兑换").format(name=product.name)
    out.emit({"product": product.name, "code": product.code, "step": step, "unit": product.unit}, words)
