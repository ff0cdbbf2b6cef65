"""kiosk stock expiring [--days N] (临期) and stock writeoff-expired ITEM (过期报损)."""

from __future__ import annotations

from kiosk.cli.output import emit_change, table
from kiosk.cli.session import acting, reading
from kiosk.i18n import _
from kiosk.services.stock import food_dates


def register(st, operator_options) -> None:
    p = st.add_parser("expiring", help=_("临期提醒：快到保质期和已过期的批次"))
    p.add_argument("--days", type=int, default=None, help=_("离保质期几天内（默认按设置，7 天）"))
    p.set_defaults(run=stock_expiring)
    p = st.add_parser("writeoff-expired", help=_("过期报损：报损这件商品已过期的批次"))
    p.add_argument("item")
    p.add_argument("--reason", default="过期")
    operator_options(p)
    p.set_defaults(run=stock_writeoff_expired)


def _rows(found: list[food_dates.Batch]) -> list[list[str]]:
    return [[b.code, b.name, f"{b.shown_left}{b.unit}", b.best_before, b.delivery or "—",
             _("已过期") if b.expired else _("临期")] for b in found]


def near_expiry_lines(args) -> list[str]:
    """The near-expiry list under the low-stock list (empty when nothing is near its date)."""
    with reading(args) as ctx:
        found = food_dates.near_expiry(ctx)
    return [_("临期和过期的商品："), *table(_rows(found))] if found else []


def stock_expiring(args, out) -> None:
    with reading(args) as ctx:
        found = food_dates.near_expiry(ctx, args.days)
    out.emit({"expiring": [{"product": b.name, "code": b.code, "left": b.shown_left, "unit": b.unit,
                            "best_before": b.best_before, "delivery": b.delivery,
                            "expired": b.expired} for b in found]},
             table(_rows(found)) or _("没有临期的商品"))


def stock_writeoff_expired(args, out) -> None:
    with acting(args) as ctx:
        emit_change(out, food_dates.write_off_expired(ctx, args.item, args.reason))
