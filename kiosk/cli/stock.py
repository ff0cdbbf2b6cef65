"""kiosk stock ...: receiving, deliveries, write-offs, adjusting, counting, lists."""

from __future__ import annotations

import re

from kiosk.cli import stock_count, stock_dates
from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.core.weighed import json_qty
from kiosk.i18n import _
from kiosk.services import deliveries, stock


def register(commands) -> None:
    from kiosk.cli.main import operator_options

    st = commands.add_parser("stock", help=_("出入库")).add_subparsers(
        dest="action", required=True)
    p = st.add_parser("receive", help=_("入库（一种商品）"))
    p.add_argument("item")
    p.add_argument("qty")
    p.add_argument("--source", default="乡镇配送")
    p.add_argument("--note", default="")
    operator_options(p)
    p.set_defaults(run=stock_receive)
    p = st.add_parser("delivery", help=_("整批入库（一张送货单）"))
    p.add_argument("file", nargs="?", help=_("CSV 表格：条码,数量"))
    p.add_argument("--line", action="append", default=[], metavar="ITEM:QTY[:保质期至]")
    p.add_argument("--source", required=True, help="乡镇配送|捐赠|采购|其他")
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
    stock_dates.register(st, operator_options)
    p = st.add_parser("take", help=_("盘点一种商品：录入实数"))
    p.add_argument("item")
    p.add_argument("counted")
    p.add_argument("--reason", default="盘点")
    operator_options(p)
    p.set_defaults(run=stock_take)
    p = st.add_parser("low", help=_("缺货提醒：库存不多的商品"))
    p.set_defaults(run=stock_low)
    p = st.add_parser("moves", help=_("出入库记录"))
    p.add_argument("--product", default=None)
    p.add_argument("--since", default=None, help=_("从哪天起，如 2026-11-01"))
    p.set_defaults(run=stock_moves)


def emit_change(out, change: stock.StockChange) -> None:
    out.emit({"product": change.product, "code": change.code,
              "stock_before": json_qty(change.before, change.scale),
              "stock_after": json_qty(change.after, change.scale)},
             _("{product}：库存 {before} → {after}").format(product=change.product, before=change.shown_before, after=change.shown_after))


def stock_receive(args, out) -> None:
    with acting(args) as ctx:
        emit_change(out, stock.receive(ctx, args.item, args.qty, args.source, args.note))


def _typed_lines(texts: list[str]) -> list[deliveries.Line]:
    """ITEM:QTY, or ITEM:QTY:DATE with a best-before date (2026-12-20) last."""
    lines = []
    for text in texts:
        parts = text.replace("：", ":").split(":")
        if len(parts) >= 3 and re.match(r"^\s*\d{4}[-/.]?\d{1,2}[-/.]?\d{1,2}\s*$", parts[-1]):
            lines.append(deliveries.Line(":".join(parts[:-2]), parts[-2], best_before=parts[-1]))
            continue
        item, _unused, qty = text.replace("：", ":").rpartition(":")
        lines.append(deliveries.Line(item, qty) if item else deliveries.Line(text, ""))
    return lines


def stock_delivery(args, out) -> None:
    lines = deliveries.lines_from_file(args.file) if args.file else []
    lines += _typed_lines(args.line)
    with acting(args) as ctx:
        done = deliveries.receive_delivery(ctx, lines, source=args.source, note_no=args.note_no,
                                           day=args.date)
        pdf = deliveries.save_note(ctx, done.number, args.pdf) if args.pdf else None
    shown = [_("已入库：入库单 {number}，{source}，送货单 {value}，{day}").format(number=done.number, source=done.source, value=done.note_no or '—', day=done.day)]
    shown += table([[line.code, line.name, f"{line.qty}{line.unit}"] for line in done.lines])
    shown.append(_("共 {count} 项 {total} 件").format(count=len(done.lines), total=done.total))
    if pdf:
        shown.append(_("入库单已存为 {pdf}").format(pdf=pdf))
    out.emit({"delivery": done.number, "source": done.source, "note_no": done.note_no,
              "date": done.day, "operator": done.operator, "total": done.total,
              "lines": [{"product": ln.name, "code": ln.code, "unit": ln.unit, "qty": ln.qty}
                        for ln in done.lines], "pdf": pdf}, shown)


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
                         "kind": m.kind, "qty": m.qty, "source": m.source, "note": m.note,
                         "why": m.why, "operator": m.operator, "delivery": m.delivery,
                         "receipt": m.receipt} for m in found]},
             table([[m.at[:16], _(stock.KINDS[m.kind]), m.product, f"{m.qty:+d}{m.unit}",
                     _detail(m), m.operator] for m in found]) or _("没有记录"))


def _detail(m: stock.Move) -> str:
    why = _(stock.WHYS[m.why]) if m.why in stock.WHYS else ""
    parts = [m.delivery, m.source, m.receipt, why, m.note if m.note != m.source else ""]
    return " ".join(part for part in parts if part)
