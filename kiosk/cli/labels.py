"""kiosk labels: price labels (价签) as a PDF for A4 label sheets or a 40×30 label printer."""

from __future__ import annotations

from kiosk.cli.session import acting
from kiosk.i18n import tr
from kiosk.services import labels


def register(commands) -> None:
    from kiosk.cli.main import operator_options

    p = commands.add_parser("labels", help=tr("打印价签（PDF）", "price labels as a PDF"))
    p.add_argument("items", nargs="*", metavar="ITEM",
                   help=tr("条码、编号或名称；“条码x3”打 3 张", "barcode, code or name; ITEMx3 for 3 labels"))
    p.add_argument("--all", action="store_true", dest="all_goods",
                   help=tr("全部在售商品", "every good on sale"))
    p.add_argument("--category", default=None, help=tr("某个分类的商品", "the goods of a category"))
    p.add_argument("--changed-since", default=None, dest="changed_since", metavar="DATE",
                   help=tr("这天以来改过价的商品，如 2026-11-01", "goods repriced since DATE, e.g. 2026-11-01"))
    p.add_argument("--copies", default="1", metavar="N", help=tr("每种商品几张（默认 1）", "labels of each (default 1)"))
    p.add_argument("--sheet", required=True, choices=tuple(labels.SHEETS),
                   help=tr("3x8、4x10（A4 不干胶）或 40x30（标签打印机）",
                           "3x8, 4x10 (A4 sheets) or 40x30 (label printer)"))
    p.add_argument("--skip", default="0", metavar="N",
                   help=tr("第一张纸已用掉的位置数", "positions already used on the first sheet"))
    p.add_argument("--pdf", required=True, metavar="FILE")
    operator_options(p)
    p.set_defaults(run=print_labels)


def print_labels(args, out) -> None:
    with acting(args) as ctx:
        chosen = labels.choose(ctx, args.items, all_goods=args.all_goods, category=args.category,
                               changed_since=args.changed_since, copies=args.copies)
        done = labels.save_pdf(ctx, chosen, args.sheet, args.skip, args.pdf)
    out.emit({"file": str(done.path), "sheet": done.sheet, "labels": done.labels,
              "pages": done.pages, "skip": done.skip, "bytes": done.path.stat().st_size,
              "products": [{"code": line.code, "product": line.name, "price": line.price,
                            "copies": line.copies} for line in chosen]},
             [tr(f"已写入 {done.path}：{len(chosen)} 种商品，{done.labels} 张价签，{done.pages} 页。",
                 f"Written {done.path}: {len(chosen)} products, {done.labels} labels, {done.pages} pages."),
              tr("打印时请选“实际大小”（不要缩放），价签才能对准标签纸。",
                 "Print at actual size (no scaling) so the labels line up with the sheet.")])
