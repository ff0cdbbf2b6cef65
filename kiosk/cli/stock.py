"""kiosk stock ...: receiving, adjusting, counting."""

from __future__ import annotations

from kiosk.cli.session import acting
from kiosk.i18n import tr
from kiosk.services import stock


def register(commands) -> None:
    from kiosk.cli.main import operator_options

    st = commands.add_parser("stock", help=tr("出入库", "stock")).add_subparsers(
        dest="action", required=True)
    p = st.add_parser("receive", help=tr("入库", "receive goods"))
    p.add_argument("item")
    p.add_argument("qty")
    p.add_argument("--source", default="乡镇配送")
    p.add_argument("--note", default="")
    operator_options(p)
    p.set_defaults(run=stock_receive)
    p = st.add_parser("adjust", help=tr("调整（损耗、更正）", "adjust (damage, correction)"))
    p.add_argument("item")
    p.add_argument("delta", help=tr("如 -2 或 +3", "e.g. -2 or +3"))
    p.add_argument("--reason", required=True)
    p.add_argument("--damage", action="store_true", help=tr("记为损耗", "record as damage"))
    operator_options(p)
    p.set_defaults(run=stock_adjust)
    p = st.add_parser("take", help=tr("盘点：录入实数", "stock-take: enter the counted quantity"))
    p.add_argument("item")
    p.add_argument("counted")
    p.add_argument("--reason", default="盘点")
    operator_options(p)
    p.set_defaults(run=stock_take)


def _emit_change(out, change: stock.StockChange) -> None:
    out.emit({"product": change.product, "code": change.code, "stock_before": change.before,
              "stock_after": change.after},
             tr(f"{change.product}：库存 {change.before} → {change.after}",
                f"{change.product}: stock {change.before} → {change.after}"))


def stock_receive(args, out) -> None:
    with acting(args) as ctx:
        _emit_change(out, stock.receive(ctx, args.item, args.qty, args.source, args.note))


def stock_adjust(args, out) -> None:
    with acting(args) as ctx:
        kind = "damage" if args.damage else "adjust"
        _emit_change(out, stock.adjust(ctx, args.item, args.delta, args.reason, kind))


def stock_take(args, out) -> None:
    with acting(args) as ctx:
        _emit_change(out, stock.take(ctx, args.item, args.counted, args.reason))
