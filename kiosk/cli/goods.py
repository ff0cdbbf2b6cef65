"""product, stock."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.i18n import tr
from kiosk.services import imports, products, stock


def register(commands) -> None:
    from kiosk.cli.main import operator_options

    pr = commands.add_parser("product", help=tr("商品", "goods")).add_subparsers(
        dest="action", required=True)
    p = pr.add_parser("list")
    p.add_argument("--all", action="store_true", help=tr("包括已下架", "include retired"))
    p.set_defaults(run=product_list)
    p = pr.add_parser("show")
    p.add_argument("item")
    p.set_defaults(run=product_show)
    p = pr.add_parser("add")
    p.add_argument("name")
    p.add_argument("--price", required=True)
    p.add_argument("--barcode", default=None)
    p.add_argument("--category", default="")
    p.add_argument("--unit", default="件")
    p.add_argument("--reorder-level", type=int, default=0, dest="reorder_level")
    operator_options(p)
    p.set_defaults(run=product_add)
    p = pr.add_parser("import")
    p.add_argument("file")
    operator_options(p)
    p.set_defaults(run=product_import)

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


def _product_json(p: products.Product) -> dict:
    return {"product": p.name, "code": p.code, "category": p.category, "unit": p.unit,
            "price": p.price, "stock": p.stock, "reorder_level": p.reorder_level, "active": p.active}


def product_list(args, out) -> None:
    with reading(args) as ctx:
        found = products.list_products(ctx, include_retired=args.all)
    out.emit({"products": [_product_json(p) for p in found]},
             table([[p.code, p.name, p.category, str(p.price), f"{p.stock}{p.unit}"] for p in found]))


def product_show(args, out) -> None:
    with reading(args) as ctx:
        p = products.resolve(ctx, args.item)
        codes = products.barcodes(ctx, p.id)
    out.emit({**_product_json(p), "barcodes": codes},
             [f"{p.name}  {p.code}", tr(f"分类 {p.category}  价格 {p.price} 分  库存 {p.stock}{p.unit}",
                                        f"category {p.category}  price {p.price}  stock {p.stock} {p.unit}")])


def product_add(args, out) -> None:
    with acting(args) as ctx:
        p = products.add_product(ctx, name=args.name, price=args.price, barcode=args.barcode,
                                 category=args.category, unit=args.unit,
                                 reorder_level=args.reorder_level)
    out.emit(_product_json(p), tr(f"已添加商品 {p.name}（{p.code}）", f"Added {p.name} ({p.code})"))


def product_import(args, out) -> None:
    with acting(args) as ctx:
        count = imports.import_products(ctx, args.file)
    out.emit({"imported": count}, tr(f"已导入 {count} 种商品", f"Imported {count} products"))


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
