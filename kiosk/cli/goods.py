"""kiosk product ...: the catalogue."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.i18n import tr
from kiosk.services import imports, products


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
