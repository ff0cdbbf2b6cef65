"""kiosk labels: price labels (价签) as a PDF for A4 label sheets or a 40×30 label printer."""

from __future__ import annotations

from kiosk.cli.session import acting, operator_options
from kiosk.i18n import _
from kiosk.services.shop import labels


def register(commands) -> None:
    p = commands.add_parser("labels", help=_("打印价签（PDF）"))
    p.add_argument("items", nargs="*", metavar="ITEM",
                   help=_("条码、编号或名称；“条码x3”打 3 张"))
    p.add_argument("--all", action="store_true", dest="all_goods",
                   help=_("全部在售商品"))
    p.add_argument("--category", default=None, help=_("某个分类的商品"))
    p.add_argument("--changed-since", default=None, dest="changed_since", metavar="DATE",
                   help=_("这天以来改过价的商品，如 2026-11-01"))
    p.add_argument("--copies", default="1", metavar="N", help=_("每种商品几张（默认 1）"))
    p.add_argument("--sheet", required=True, choices=tuple(labels.SHEETS),
                   help=_("3x8、4x10（A4 不干胶）或 40x30（标签打印机）"))
    p.add_argument("--skip", default="0", metavar="N",
                   help=_("第一张纸已用掉的位置数"))
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
             [_("已写入 {path}：{count} 种商品，{labels} 张价签，{pages} 页。").format(path=done.path, count=len(chosen), labels=done.labels, pages=done.pages),
              _("打印时请选“实际大小”（不要缩放），价签才能对准标签纸。")])
