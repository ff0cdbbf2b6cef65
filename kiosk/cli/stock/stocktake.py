"""kiosk stock count start|enter|show|sheet|post|cancel: a stock-take (盘点)."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.i18n import _, _p
from kiosk.services.stock import stocktake


def register(st, operator_options) -> None:
    steps = st.add_parser("count", help=_("盘点：开始、录入、查看、打印、过账、作废")
                          ).add_subparsers(dest="step", required=True)
    p = steps.add_parser("start", help=_("开始盘点（记下账面库存）"))
    operator_options(p)
    p.set_defaults(run=count_start)
    p = steps.add_parser("enter", help=_("录入一种商品的清点数"))
    p.add_argument("item")
    p.add_argument("qty")
    p.add_argument("--recount", action="store_true",
                   help=_("重新清点：以这次为准"))
    operator_options(p)
    p.set_defaults(run=count_enter)
    p = steps.add_parser("show", help=_("查看差异"))
    p.add_argument("--all", action="store_true", help=_("也列出还没清点的"))
    p.set_defaults(run=count_show)
    p = steps.add_parser("sheet", help=_("打印盘点表"))
    p.add_argument("--pdf", required=True)
    p.set_defaults(run=count_sheet)
    p = steps.add_parser("post", help=_("确认盘点：差异记入库存"))
    p.add_argument("--reason", default="盘点")
    operator_options(p)
    p.set_defaults(run=count_post)
    p = steps.add_parser("cancel", help=_("作废这次盘点"))
    p.add_argument("--reason", default="")
    operator_options(p)
    p.set_defaults(run=count_cancel)


def _line_json(line: stocktake.CountLine) -> dict:
    return {"product": line.name, "code": line.code, "unit": line.unit, "snapshot": line.snapshot,
            "counted": line.counted, "on_hand_at_count": line.at_count,
            "difference": line.difference, "stock": line.on_hand}


def _count_json(count: stocktake.StockCount, lines) -> dict:
    return {"count": count.id, "started_at": count.started_at, "started_by": count.started_by,
            "products": len(count.lines), "counted": len(count.counted),
            "lines": [_line_json(line) for line in lines]}


def count_start(args, out) -> None:
    with acting(args) as ctx:
        count = stocktake.start(ctx)
    out.emit(_count_json(count, []),
             _("已开始盘点：{count} 种商品。可以打印盘点表：kiosk stock count sheet --pdf 文件").format(count=len(count.lines)))


def count_enter(args, out) -> None:
    with acting(args) as ctx:
        line = stocktake.enter(ctx, args.item, args.qty, recount=args.recount)
    out.emit(_line_json(line),
             _("{name}：清点 {counted}{unit}，账面 {at_count}，差 {difference:+d}").format(name=line.name, counted=line.counted, unit=line.unit, at_count=line.at_count, difference=line.difference))


def _row(line: stocktake.CountLine) -> list[str]:
    if line.counted is None:
        return [line.code, line.name, str(line.on_hand), _("未盘"), "", ""]
    return [line.code, line.name, str(line.at_count), str(line.counted), f"{line.difference:+d}",
            f"→ {line.after}{line.unit}"]


def count_show(args, out) -> None:
    with reading(args) as ctx:
        count = stocktake.show(ctx)
    lines = list(count.lines) if args.all else count.counted
    head = [_("编号"), _p("stock_count", "商品"), _("账面"), _("实盘"),
            _("差异"), _("过账后")]
    summary = _("盘点 {value}（{started_by}）：共 {count} 种，已盘 {count2} 种，有差异 {count3} 种").format(value=count.started_at[:16], started_by=count.started_by, count=len(count.lines), count2=len(count.counted), count3=len(count.differing))
    out.emit(_count_json(count, lines), [summary] + table([head] + [_row(ln) for ln in lines]))


def count_sheet(args, out) -> None:
    with reading(args) as ctx:
        path = stocktake.save_sheet(ctx, args.pdf)
    out.emit({"pdf": path}, _("盘点表已存为 {path}").format(path=path))


def count_post(args, out) -> None:
    with acting(args) as ctx:
        posted = stocktake.post(ctx, args.reason)
    shown = [_("盘点已过账：清点 {counted} 种，调整 {count} 种").format(counted=posted.counted, count=len(posted.changes))]
    shown += table([[c.code, c.product, f"{c.before} → {c.after}"] for c in posted.changes])
    out.emit({"count": posted.id, "counted": posted.counted,
              "changes": [{"product": c.product, "code": c.code, "stock_before": c.before,
                           "stock_after": c.after} for c in posted.changes]}, shown)


def count_cancel(args, out) -> None:
    with acting(args) as ctx:
        count_id = stocktake.cancel(ctx, args.reason)
    out.emit({"count": count_id, "cancelled": True},
             _("这次盘点已作废，库存没有改动"))
