"""kiosk stock count start|enter|show|sheet|post|cancel: a stock-take (盘点)."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.i18n import tr
from kiosk.services import stocktake


def register(st, operator_options) -> None:
    steps = st.add_parser("count", help=tr("盘点：开始、录入、查看、打印、过账、作废",
                                           "stock-take: start, enter, show, sheet, post, cancel")
                          ).add_subparsers(dest="step", required=True)
    p = steps.add_parser("start", help=tr("开始盘点（记下账面库存）", "start a count (snapshot of the books)"))
    operator_options(p)
    p.set_defaults(run=count_start)
    p = steps.add_parser("enter", help=tr("录入一种商品的清点数", "enter the counted quantity of an item"))
    p.add_argument("item")
    p.add_argument("qty")
    p.add_argument("--recount", action="store_true",
                   help=tr("重新清点：以这次为准", "a recount: replaces the earlier count"))
    operator_options(p)
    p.set_defaults(run=count_enter)
    p = steps.add_parser("show", help=tr("查看差异", "show the differences"))
    p.add_argument("--all", action="store_true", help=tr("也列出还没清点的", "list the uncounted too"))
    p.set_defaults(run=count_show)
    p = steps.add_parser("sheet", help=tr("打印盘点表", "print the count sheet"))
    p.add_argument("--pdf", required=True)
    p.set_defaults(run=count_sheet)
    p = steps.add_parser("post", help=tr("确认盘点：差异记入库存", "post the differences"))
    p.add_argument("--reason", default="盘点")
    operator_options(p)
    p.set_defaults(run=count_post)
    p = steps.add_parser("cancel", help=tr("作废这次盘点", "cancel the count"))
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
             tr(f"已开始盘点：{len(count.lines)} 种商品。可以打印盘点表：kiosk stock count sheet --pdf 文件",
                f"Stock-take started: {len(count.lines)} products. Print the sheet: kiosk stock count sheet --pdf FILE"))


def count_enter(args, out) -> None:
    with acting(args) as ctx:
        line = stocktake.enter(ctx, args.item, args.qty, recount=args.recount)
    out.emit(_line_json(line),
             tr(f"{line.name}：清点 {line.counted}{line.unit}，账面 {line.at_count}，差 {line.difference:+d}",
                f"{line.name}: counted {line.counted} {line.unit}, books {line.at_count}, "
                f"difference {line.difference:+d}"))


def _row(line: stocktake.CountLine) -> list[str]:
    if line.counted is None:
        return [line.code, line.name, str(line.on_hand), tr("未盘", "not counted"), "", ""]
    return [line.code, line.name, str(line.at_count), str(line.counted), f"{line.difference:+d}",
            f"→ {line.after}{line.unit}"]


def count_show(args, out) -> None:
    with reading(args) as ctx:
        count = stocktake.show(ctx)
    lines = list(count.lines) if args.all else count.counted
    head = [tr("编号", "code"), tr("商品", "goods"), tr("账面", "books"), tr("实盘", "counted"),
            tr("差异", "difference"), tr("过账后", "after")]
    summary = tr(f"盘点 {count.started_at[:16]}（{count.started_by}）：共 {len(count.lines)} 种，"
                 f"已盘 {len(count.counted)} 种，有差异 {len(count.differing)} 种",
                 f"Stock-take {count.started_at[:16]} ({count.started_by}): {len(count.lines)} products, "
                 f"{len(count.counted)} counted, {len(count.differing)} differ")
    out.emit(_count_json(count, lines), [summary] + table([head] + [_row(ln) for ln in lines]))


def count_sheet(args, out) -> None:
    with reading(args) as ctx:
        path = stocktake.save_sheet(ctx, args.pdf)
    out.emit({"pdf": path}, tr(f"盘点表已存为 {path}", f"Count sheet saved as {path}"))


def count_post(args, out) -> None:
    with acting(args) as ctx:
        posted = stocktake.post(ctx, args.reason)
    shown = [tr(f"盘点已过账：清点 {posted.counted} 种，调整 {len(posted.changes)} 种",
                f"Stock-take posted: {posted.counted} counted, {len(posted.changes)} adjusted")]
    shown += table([[c.code, c.product, f"{c.before} → {c.after}"] for c in posted.changes])
    out.emit({"count": posted.id, "counted": posted.counted,
              "changes": [{"product": c.product, "code": c.code, "stock_before": c.before,
                           "stock_after": c.after} for c in posted.changes]}, shown)


def count_cancel(args, out) -> None:
    with acting(args) as ctx:
        count_id = stocktake.cancel(ctx, args.reason)
    out.emit({"count": count_id, "cancelled": True},
             tr("这次盘点已作废，库存没有改动", "The stock-take was cancelled; no stock changed"))
