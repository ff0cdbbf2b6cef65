"""kiosk product ...: the catalogue (list, show, add, edit, retire; files in goods_files)."""

from __future__ import annotations

from kiosk.cli.shop import goods_files, limits as goods_limits, weighed as goods_weighed
from kiosk.cli.output import table
from kiosk.cli.session import acting, operator_options, reading
from kiosk.core.errors import Refused
from kiosk.core.weighed import json_qty, quantity, step_text
from kiosk.i18n import _, _p
from kiosk.services.shop import catalogue, catalogue_measure, catalogue_pictures, catalogue_search, products


def register(commands) -> None:
    pr = commands.add_parser("product", help=_p("goods", "商品")).add_subparsers(
        dest="action", required=True)
    p = pr.add_parser("list", help=_("列出商品"))
    p.add_argument("--all", action="store_true", help=_("包括已下架"))
    p.add_argument("--find", default="", help=_("名称、拼音首字母或条码"))
    p.set_defaults(run=product_list)
    p = pr.add_parser("show", help=_("一件商品的详情"))
    p.add_argument("item")
    p.set_defaults(run=product_show)
    p = pr.add_parser("add", help=_("添加商品"))
    p.add_argument("name")
    p.add_argument("--price", required=True)
    p.add_argument("--barcode", default=None, help=_("不填则生成店内码"))
    _form_options(p, editing=False)
    p.add_argument("--picture", default=None, metavar="IMAGE")
    operator_options(p)
    p.set_defaults(run=product_add)
    p = pr.add_parser("edit", help=_("修改商品（只改给出的项）"))
    p.add_argument("item")
    p.add_argument("--name", default=None)
    p.add_argument("--price", default=None)
    _form_options(p, editing=True)
    operator_options(p)
    p.set_defaults(run=product_edit)
    p = pr.add_parser("retire", help=_("下架（--undo 重新上架）"))
    p.add_argument("item")
    p.add_argument("--undo", action="store_true")
    operator_options(p)
    p.set_defaults(run=product_retire)
    goods_files.register(pr, operator_options)
    goods_weighed.register(pr, operator_options)
    goods_limits.register(pr, operator_options)


def _form_options(p, editing: bool) -> None:
    default = None if editing else ""
    p.add_argument("--category", default=default)
    p.add_argument("--unit", default=None if editing else "件")
    p.add_argument("--pinyin", default=default, help=_("拼音首字母，不填按名称生成"))
    p.add_argument("--reorder-level", default=None if editing else "0", dest="reorder_level")
    p.add_argument("--step", default=None if editing else "1",
                   help=_("散装称重的最小数量：1 整件，0.1、0.01 或 0.001（有库存后不能再改）"))
    p.add_argument("--limit", default=None if editing else "",
                   help=_("限购：每户每周期最多换多少；0 取消限购"))
    p.add_argument("--per", default=None if editing else "month", help=_("限购周期：周 或 月（默认 月）"))
    if editing:
        p.add_argument("--add-barcode", action="append", default=[], dest="add_barcodes", metavar="CODE")
        p.add_argument("--remove-barcode", action="append", default=[], dest="remove_barcodes",
                       metavar="CODE")
    else:
        p.add_argument("--extra-barcode", action="append", default=[], dest="extra_barcodes",
                       metavar="CODE")


def product_json(p: products.Product) -> dict:
    return {"product": p.name, "code": p.code, "category": p.category, "unit": p.unit,
            "price": p.price, "stock": json_qty(p.stock, p.scale), "step": step_text(p.scale),
            "reorder_level": p.reorder_level, "active": p.active,
            "pinyin": p.initials, "owner": p.owner}


def _limit_json(d: catalogue.ProductDetail) -> dict:
    measure = catalogue_measure.fields(d.product.scale, d.limit, d.per)
    return {"limit": measure["limit"] or None, "per": measure["per"] or None}


def detail_json(d: catalogue.ProductDetail) -> dict:
    return {**product_json(d.product), **_limit_json(d), "barcodes": [d.product.code, *d.extra_barcodes],
            "picture": d.picture is not None,
            "prices": [{"old": c.old, "new": c.new, "at": c.at, "operator": c.operator}
                       for c in d.prices]}


def product_list(args, out) -> None:
    with reading(args) as ctx:
        shown = catalogue_search.search(ctx, args.find, include_retired=args.all, limit=10**6).entries
    out.emit({"products": [{"product": e.name, "code": e.code, "category": e.category, "unit": e.unit,
                            "price": e.price, "stock": quantity(e.stock, e.scale), "active": e.active, "pinyin": e.initials,
                            "owner": "township" if e.township else "village"} for e in shown]},
             table([[e.code, e.name, e.category, str(e.price), f"{quantity(e.stock, e.scale)}{e.unit}",
                     "" if e.active else _("已下架")] for e in shown]))


def _detail_lines(d: catalogue.ProductDetail) -> list[str]:
    p = d.product
    lines = [f"{p.name}  {p.code}" + ("" if p.active else _("（已下架）"))
             + (_("（乡镇统一）") if p.township else ""),
             _("分类 {value}  价格 {price} 分  库存 {stock}{unit}  预警 {reorder_level}").format(value=p.category or '—', price=p.price, stock=p.shown_stock, unit=p.unit, reorder_level=p.reorder_level),
             _("拼音 {initials}").format(initials=p.initials)]
    if d.extra_barcodes:
        lines.append(_("其他条码 ") + " ".join(d.extra_barcodes))
    lines.append(_("有图片") if d.picture else _("没有图片"))
    lines += [_("{at}  {old} → {new} 分  {operator}").format(at=c.at, old=c.old, new=c.new, operator=c.operator)
              for c in d.prices]
    return lines


def product_show(args, out) -> None:
    with reading(args) as ctx:
        d = catalogue.detail(ctx, args.item)
    out.emit(detail_json(d), _detail_lines(d))


def product_add(args, out) -> None:
    picture = catalogue_pictures.prepare(args.picture) if args.picture else None
    form = catalogue.ProductForm(args.name, args.price, args.category, args.unit, args.pinyin,
                                 args.reorder_level, tuple(args.extra_barcodes), args.step, args.limit,
                                 args.per)
    with acting(args) as ctx:
        d = catalogue.create(ctx, form, barcode=args.barcode, picture=picture)
    p = d.product
    out.emit(detail_json(d), _("已添加商品 {name}（{code}）").format(name=p.name, code=p.code))


def product_edit(args, out) -> None:
    with acting(args) as ctx:
        current = catalogue.detail(ctx, args.item)
        extras = _barcodes_after(current, args.add_barcodes, args.remove_barcodes)
        form = catalogue.with_changes(current, name=args.name, price=args.price,
                                      category=args.category, unit=args.unit, pinyin=args.pinyin,
                                      reorder_level=args.reorder_level, extra_barcodes=extras,
                                      step=args.step, limit=args.limit, per=args.per)
        edited = catalogue.edit(ctx, current.product.id, form)
    p = edited.detail.product
    fields = catalogue.changed_words(edited.changed)
    words = _("已保存 {name}（{code}）：改了{fields}").format(name=p.name, code=p.code, fields=fields) \
        if edited.changed else _("{name} 没有改动").format(name=p.name)
    out.emit({**detail_json(edited.detail), "changed": list(edited.changed)}, words)


def _barcodes_after(current: catalogue.ProductDetail, add: list[str], remove: list[str]) -> tuple | None:
    if not add and not remove:
        return None
    kept = list(current.extra_barcodes)
    for code in remove:
        if code.strip() not in kept:
            raise Refused("barcode_not_extra", code=code.strip(), name=current.product.name)
        kept.remove(code.strip())
    return tuple(kept + add)


def product_retire(args, out) -> None:
    with acting(args) as ctx:
        d = catalogue.set_active(ctx, args.item, active=args.undo)
    p = d.product
    out.emit(detail_json(d), _("已重新上架 {name}").format(name=p.name) if p.active
             else _("已下架 {name}：收银台不再显示它").format(name=p.name))
