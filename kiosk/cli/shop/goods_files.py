"""kiosk product import|export|picture: the catalogue to and from files."""

from __future__ import annotations

import sys

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.i18n import _, message
from kiosk.services.setup import imports
from kiosk.services.shop import catalogue, catalogue_export, catalogue_import, catalogue_pictures

EXIT_REFUSED = 1
SHOWN_ROWS = 50


def register(pr, operator_options) -> None:
    p = pr.add_parser("import", help=_("从 Excel(.xlsx) 或 CSV 导入"))
    p.add_argument("file")
    p.add_argument("--preview", action="store_true",
                   help=_("只检查、列出每一行，不写入"))
    operator_options(p)
    p.set_defaults(run=product_import)
    p = pr.add_parser("export", help=_("导出为 .xlsx 或 .csv"))
    p.add_argument("file")
    p.add_argument("--on-sale", action="store_true", dest="on_sale",
                   help=_("不含已下架"))
    p.set_defaults(run=product_export)
    p = pr.add_parser("picture", help=_("给商品配图片"))
    p.add_argument("item")
    p.add_argument("image", nargs="?", default=None)
    p.add_argument("--remove", action="store_true", help=_("去掉图片"))
    operator_options(p)
    p.set_defaults(run=product_picture)


def _row_json(row: imports.ImportRow) -> dict:
    return {"row": row.number, **row.values, "code": row.code, "action": row.action,
            "changes": row.changes, "error": row.error}


def _row_line(row: imports.ImportRow) -> list[str]:
    v = row.values
    return [_("第 {number} 行").format(number=row.number), v.get("name", ""), v.get("price", ""),
            row.code or v.get("barcode", ""), imports.verdict(row)]


def product_import(args, out) -> int | None:
    with acting(args) as ctx:
        if not args.preview:
            done = imports.commit_products(ctx, args.file)
            out.emit({"imported": len(done.rows), "added": done.count(catalogue_import.ADD),
                      "updated": done.count(catalogue_import.UPDATE),
                      "unchanged": done.count(catalogue_import.SAME)},
                     _("已导入：{counts}").format(counts=imports.counts_text(done)))
            return None
        preview = imports.preview_products(ctx, args.file)
    bad = len(preview.errors)
    shown = [r for r in preview.rows if r.action != catalogue_import.SAME] if bad == 0 \
        else preview.errors
    summary = _("共 {count} 行，{bad} 行有错。").format(count=len(preview.rows), bad=bad) \
        + (imports.counts_text(preview) + _("。没有写入任何内容；去掉 --preview 即可导入。")
           if bad == 0 else _("没有写入任何内容；改好后再导入。"))
    lines = table([_row_line(r) for r in shown[:SHOWN_ROWS]]) + [summary]
    out.emit({"preview": True, "ok": preview.ok, "rows": [_row_json(r) for r in preview.rows],
              "errors": bad}, lines)
    if bad:
        print(message("csv_rows", count=bad, rows=""), file=sys.stderr)
        return EXIT_REFUSED
    return None


def product_export(args, out) -> None:
    with reading(args) as ctx:
        count = catalogue_export.export_products(ctx, args.file, include_retired=not args.on_sale)
    out.emit({"exported": count, "file": args.file},
             _("已导出 {count} 种商品到 {file}").format(count=count, file=args.file))


def product_picture(args, out) -> int | None:
    if not args.remove and not args.image:
        print(_("请给出图片文件，或用 --remove 去掉图片。"),
              file=sys.stderr)
        return 2
    picture = None if args.remove else catalogue_pictures.prepare(args.image)
    with acting(args) as ctx:
        d = catalogue.set_picture(ctx, args.item, picture)
    p = d.product
    out.emit({"product": p.name, "code": p.code, "picture": d.picture is not None,
              "width": picture.width if picture else None, "height": picture.height if picture else None},
             _("{name}：已换上图片（{width}×{height}）").format(name=p.name, width=picture.width, height=picture.height) if picture else _("{name}：已去掉图片").format(name=p.name))
    return None
