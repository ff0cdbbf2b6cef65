"""kiosk supplier add|list|edit (供货方), kiosk stock donation (公示, 感谢条), the shopping list."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.core.money import yuan_text
from kiosk.i18n import _
from kiosk.services.stock import donations, shopping, suppliers

KINDS_HELP = "乡镇配送|采购|爱心捐赠|企业捐赠"


def register(commands, operator_options) -> None:
    sp = commands.add_parser("supplier", help=_("供货方和捐赠人")).add_subparsers(
        dest="action", required=True)
    p = sp.add_parser("add", help=_("添加供货方或捐赠人"))
    p.add_argument("name")
    p.add_argument("--kind", required=True, help=KINDS_HELP)
    p.add_argument("--contact", default="", help=_("联系人、电话"))
    operator_options(p)
    p.set_defaults(run=supplier_add)
    p = sp.add_parser("list", help=_("列出供货方和捐赠人"))
    p.add_argument("--all", action="store_true", dest="include_retired", help=_("含已停用"))
    p.set_defaults(run=supplier_list)
    p = sp.add_parser("edit", help=_("修改供货方"))
    p.add_argument("name")
    p.add_argument("--name", dest="new_name", default=None, help=_("新名称"))
    p.add_argument("--kind", default=None, help=KINDS_HELP)
    p.add_argument("--contact", default=None)
    p.add_argument("--retire", action="store_true", help=_("停用（不再出现在入库的选择里）"))
    p.add_argument("--restore", action="store_true", help=_("恢复使用"))
    operator_options(p)
    p.set_defaults(run=supplier_edit)


def _json(s: suppliers.Supplier) -> dict:
    return {"supplier": s.name, "kind": s.kind, "contact": s.contact, "active": s.active}


def _line(s: suppliers.Supplier) -> str:
    return _("{name}（{kind}）{contact}").format(name=s.name, kind=_(s.kind), contact=s.contact)


def supplier_add(args, out) -> None:
    with acting(args) as ctx:
        s = suppliers.add(ctx, args.name, args.kind, args.contact)
    out.emit(_json(s), _("已添加供货方：{line}").format(line=_line(s)))


def supplier_list(args, out) -> None:
    with reading(args) as ctx:
        found = suppliers.list_suppliers(ctx, include_retired=args.include_retired)
    rows = [[s.name, _(s.kind), s.contact or "—", "" if s.active else _("已停用")] for s in found]
    out.emit({"suppliers": [_json(s) for s in found]},
             table(rows) if rows else [_("还没有登记供货方。用 kiosk supplier add 添加。")])


def supplier_edit(args, out) -> None:
    active = False if args.retire else True if args.restore else None
    with acting(args) as ctx:
        s = suppliers.edit(ctx, args.name, new_name=args.new_name, kind=args.kind,
                           contact=args.contact, active=active)
    out.emit(_json(s), _("供货方：{line}").format(line=_line(s))
             + ("" if s.active else _("（已停用）")))


def register_donation(st) -> None:
    """kiosk stock donation RK…: the notice (A4 PDF) and the donor's thank-you slip."""
    p = st.add_parser("donation", help=_("捐赠入库的公示和感谢条"))
    p.add_argument("number", help=_("入库单号"))
    p.add_argument("--pdf", default=None, help=_("存爱心捐赠公示 PDF（A4）"))
    p.add_argument("--escpos", default=None, help=_("存感谢条（小票打印机 ESC/POS）"))
    p.add_argument("--paper", type=int, default=58, choices=(58, 80))
    p.set_defaults(run=stock_donation)


def stock_donation(args, out) -> None:
    with reading(args) as ctx:
        found = donations.donation(ctx, args.number)
        pdf = str(donations.save_notice(ctx, found.number, args.pdf)) if args.pdf else None
        slip = str(donations.save_thanks(ctx, found.number, args.escpos, args.paper)) \
            if args.escpos else None
    shown = [_("{number}：{donor} 捐赠 {count} 项 {total} 件").format(
        number=found.number, donor=found.supplier, count=len(found.lines), total=found.total)]
    shown += [_("公示已存为 {path}").format(path=pdf)] if pdf else []
    shown += [_("感谢条已存为 {path}").format(path=slip)] if slip else []
    out.emit({"delivery": found.number, "donor": found.supplier, "pdf": pdf, "escpos": slip}, shown)


def shopping_list(args, out) -> None:
    """kiosk stock low --shopping [--out FILE]: the low-stock list as a shopping list."""
    with reading(args) as ctx:
        groups = shopping.shopping_list(ctx)
        saved = _save_shopping(ctx, args.out) if args.out else None
    shown: list[str] = []
    for g in groups:
        shown.append(_line(suppliers.Supplier("", g.supplier, g.kind, g.contact, True))
                     if g.supplier else _("未记录供货方"))
        shown += table([[ln.name, f"{ln.stock}{ln.unit}", _("近三月 {sold}").format(sold=ln.sold),
                         _("建议 {qty}{unit}").format(qty=ln.suggested, unit=ln.unit),
                         yuan_text(ln.cost)] for ln in g.lines])
    shown = shown or [_("没有缺货的商品")]
    if saved:
        shown.append(_("采购单已存为 {path}").format(path=saved))
    out.emit({"shopping": [{"supplier": g.supplier, "kind": g.kind, "contact": g.contact,
                            "lines": [{"product": ln.name, "code": ln.code, "unit": ln.unit,
                                       "stock": ln.stock, "sold_3_months": ln.sold,
                                       "suggested": ln.suggested,
                                       "cost": yuan_text(ln.cost) or None} for ln in g.lines]}
                           for g in groups], "file": saved}, shown)


def _save_shopping(ctx, path: str) -> str:
    if path.lower().endswith(".pdf"):
        return str(shopping.save_pdf(ctx, path))
    shopping.export(ctx, path)
    return path
