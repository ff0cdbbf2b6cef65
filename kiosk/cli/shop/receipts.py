"""receipt: a sale's receipt or a refund slip (退…) as a PDF or ESC/POS bytes (reprints marked 重打 / COPY)."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli.session import reading
from kiosk.i18n import _
from kiosk.services.shop import receipt_printer


def register(commands) -> None:
    p = commands.add_parser("receipt", help=_("输出小票（PDF 或 ESC/POS）"))
    p.add_argument("receipt")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--pdf", metavar="FILE")
    where.add_argument("--escpos", metavar="FILE")
    p.add_argument("--copy", action="store_true", help=_("标记为重打"))
    p.add_argument("--paper", type=int, choices=(58, 80), default=58)
    p.add_argument("--raster", action="store_true", help=_("图片模式（打印机没有中文字库时）"))
    p.set_defaults(run=receipt)


def receipt(args, out) -> None:
    form = "pdf" if args.pdf else ("raster" if args.raster else "text")
    target = Path(args.pdf or args.escpos)
    with reading(args) as ctx:
        slip = receipt_printer.receipt_file(ctx, args.receipt, target, form, args.paper, args.copy)
    out.emit({"receipt": slip.number, "file": str(target), "bytes": target.stat().st_size,
              "copy": slip.copy},
             _("小票 {number} 已写入 {target}").format(number=slip.number, target=target))
