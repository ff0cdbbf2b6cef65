"""kiosk stock ...: receiving, deliveries, write-offs, adjusting, counting, lists."""

from __future__ import annotations

import re

from kiosk.cli.stock import stocktake as stock_count, food_dates as stock_dates, suppliers as stock_suppliers
from kiosk.cli.output import emit_change, table
from kiosk.cli.session import acting, operator_options, reading
from kiosk.core.kinds import stock_words
from kiosk.core.money import yuan_text
from kiosk.core.weighed import json_qty, quantity, shown
from kiosk.i18n import _
from kiosk.services.shop import products
from kiosk.services.stock import deliveries, movements as stock


def register(commands) -> None:
    st = commands.add_parser("stock", help=_("出入库")).add_subparsers(
        dest="action", required=True)
    stock_suppliers.register(commands, operator_options)
    p = st.add_parser("receive", help=_("入库（一种商品）"))
    p.add_argument("item")
    p.add_argument("qty")
    p.add_argument("--source", required=True, help=_("供货方或捐赠人（kiosk supplier list）"))
    p.add_argument("--cost", default=None, help=_("每件进价或捐赠价值（元）；采购必填"))
    p.add_argument("--note-no", "--note", default="", dest="note_no", help=_("送货单号"))
    operator_options(p)
    p.set_defaults(run=stock_receive)
    p = st.add_parser("delivery", help=_("整批入库（一张送货单）"))
    p.add_argument("file", nargs="?", help=_("CSV 表格：条码,数量"))
    p.add_argument("--line", action="append", default=[], metavar="ITEM:QTY[:YUAN][:保质期至]")
    p.add_argument("--source", required=True, help=_("供货方或捐赠人（kiosk supplier list）"))
    p.add_argument("--note-no", default="", dest="note_no", help=_("送货单号"))
    p.add_argument("--date", default=None, help=_("送货日期（默认今天）"))
    p.add_argument("--pdf", default=None, help=_("存入库单 PDF"))
    operator_options(p)
    p.set_defaults(run=stock_delivery)
    p = st.add_parser("adjust", help=_("调整（损耗、更正）"))
    p.add_argument("item")
    p.add_argument("delta", help=_("如 -2 或 +3"))
    p.add_argument("--reason", required=True)
    p.add_argument("--damage", action="store_true", help=_("记为损耗"))
    operator_options(p)
    p.set_defaults(run=stock_adjust)
    p = st.add_parser("writeoff", help=_("损耗：损坏、过期、丢失"))
    p.add_argument("item")
    p.add_argument("qty")
    p.add_argument("--why", required=True, help="damaged|expired|lost")
    p.add_argument("--reason", required=True)
    operator_options(p)
    p.set_defaults(run=stock_writeoff)
    stock_count.register(st, operator_options)
    stock_suppliers.register_donation(st)
    stock_dates.register(st, operator_options)
    p = st.add_parser("take", help=_("盘点一种商品：录入实数"))
    p.add_argument("item")
    p.add_argument("counted")
    p.add_argument("--reason", default="盘点")
    operator_options(p)
    p.set_defaults(run=stock_take)
    p = st.add_parser("low", help=_("缺货提醒：库存不多的商品"))
    p.add_argument("--shopping", action="store_true",
                   help=_("按供货方分组的采购单，带建议采购数"))
    p.add_argument("--out", default=None, help=_("采购单存为 .pdf、.xlsx 或 .csv"))
    p.set_defaults(run=stock_low)
    p = st.add_parser("moves", help=_("出入库记录"))
    p.add_argument("--product", default=None)
    p.add_argument("--since", default=None, help=_("从哪天起，如 2026-11-01"))
    p.set_defaults(run=stock_moves)


def stock_receive(args, out) -> None:
    """One item received: a delivery of one line, naming its supplier."""
    with acting(args) as ctx:
        done = deliveries.receive_delivery(ctx, [deliveries.Line(args.item, args.qty, cost=args.cost)],
                                           supplier=args.source, note_no=args.note_no)
        line = done.lines[0]
        after = products.resolve(ctx, line.code).stock
    emit_change(out, stock.StockChange(line.name, line.code, after - line.qty, after, line.scale))


_DATE = re.compile(r"^\s*\d{4}[-/.]?\d{1,2}[-/.]?\d{1,2}\s*$")


def _typed_lines(texts: list[str]) -> list[deliveries.Line]:
    """ITEM:QTY, then optionally :YUAN (a unit's cost), then optionally :DATE (best before,
    2026-12-20); an item may itself hold no colon."""
    lines = []
    for text in texts:
        parts = text.replace("：", ":").split(":")
        best_before = parts.pop() if len(parts) >= 3 and _DATE.match(parts[-1]) else None
        cost = parts.pop() if len(parts) >= 3 and parts[-1].strip() and parts[-2].strip() else None
        if len(parts) >= 2:
            lines.append(deliveries.Line(":".join(parts[:-1]), parts[-1], cost=cost, best_before=best_before))
        else:
            lines.append(deliveries.Line(text, ""))
    return lines


def stock_delivery(args, out) -> None:
    lines = deliveries.lines_from_file(args.file) if args.file else []
    lines += _typed_lines(args.line)
    with acting(args) as ctx:
        done = deliveries.receive_delivery(ctx, lines, supplier=args.source, note_no=args.note_no,
                                           day=args.date)
        pdf = deliveries.save_note(ctx, done.number, args.pdf) if args.pdf else None
    shown = [_("已入库：入库单 {number}，{source}，送货单 {value}，{day}").format(number=done.number, source=done.supplier or done.source, value=done.note_no or '—', day=done.day)]
    shown += table([[line.code, line.name, f"{line.shown}{line.unit}", yuan_text(line.cost)]
                    for line in done.lines])
    shown.append(_("共 {count} 项 {total} 件").format(count=len(done.lines), total=done.total)
                 + (_("，金额 {yuan} 元").format(yuan=yuan_text(done.value)) if done.value is not None else ""))
    if pdf:
        shown.append(_("入库单已存为 {pdf}").format(pdf=pdf))
    out.emit({"delivery": done.number, "source": done.source, "supplier": done.supplier,
              "note_no": done.note_no, "date": done.day, "operator": done.operator,
              "total": done.total, "value": yuan_text(done.value) or None,
              "lines": [{"product": ln.name, "code": ln.code, "unit": ln.unit, "qty": ln.shown,
                         "unit_cost": yuan_text(ln.unit_cost) or None} for ln in done.lines],
              "pdf": pdf}, shown)


def stock_adjust(args, out) -> None:
    with acting(args) as ctx:
        kind = "damage" if args.damage else "adjust"
        emit_change(out, stock.adjust(ctx, args.item, args.delta, args.reason, kind))


def stock_writeoff(args, out) -> None:
    with acting(args) as ctx:
        emit_change(out, stock.writeoff(ctx, args.item, args.qty, args.why, args.reason))


def stock_take(args, out) -> None:
    with acting(args) as ctx:
        emit_change(out, stock.take(ctx, args.item, args.counted, args.reason))


def stock_low(args, out) -> None:
    if args.shopping or args.out:
        return stock_suppliers.shopping_list(args, out)
    with reading(args) as ctx:
        low = stock.low_stock(ctx)
    rows = [[item.code, item.name, f"{item.shown_stock}{item.unit}",
             _("预警 {reorder_level}").format(reorder_level=item.reorder_level)] for item in low]
    out.emit({"low": [{"product": i.name, "code": i.code, "unit": i.unit,
                       "stock": json_qty(i.stock, i.scale),
                       "reorder_level": i.reorder_level} for i in low]},
             (table(rows) or [_("没有缺货的商品")]) + stock_dates.near_expiry_lines(args))


def stock_moves(args, out) -> None:
    with reading(args) as ctx:
        found = stock.moves(ctx, args.product, args.since)
    out.emit({"moves": [{"at": m.at, "product": m.product, "code": m.code,
                         "kind": m.kind, "qty": quantity(m.qty, m.scale), "source": m.source, "note": m.note,
                         "why": m.why, "operator": m.operator, "delivery": m.delivery,
                         "receipt": m.receipt} for m in found]},
             table([[m.at[:16], stock_words(m.kind), m.product, f"{'+' if m.qty > 0 else ''}{shown(m.qty, m.scale)}{m.unit}",
                     _detail(m), m.operator] for m in found]) or _("没有记录"))


def _detail(m: stock.Move) -> str:
    why = _(stock.WHYS[m.why]) if m.why in stock.WHYS else ""
    parts = [m.delivery, m.source, m.receipt, why, m.note if m.note != m.source else ""]
    return " ".join(part for part in parts if part)
