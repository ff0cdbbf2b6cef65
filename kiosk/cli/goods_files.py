"""kiosk product import|export|picture: the catalogue to and from files."""

from __future__ import annotations

import sys

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.i18n import message, tr
from kiosk.services import catalogue, catalogue_export, catalogue_pictures, imports

EXIT_REFUSED = 1
SHOWN_ROWS = 50


def register(pr, operator_options) -> None:
    p = pr.add_parser("import", help=tr("从 Excel(.xlsx) 或 CSV 导入", "import from Excel (.xlsx) or CSV"))
    p.add_argument("file")
    p.add_argument("--preview", action="store_true",
                   help=tr("只检查、列出每一行，不写入", "check and list every row; write nothing"))
    operator_options(p)
    p.set_defaults(run=product_import)
    p = pr.add_parser("export", help=tr("导出为 .xlsx 或 .csv", "export to .xlsx or .csv"))
    p.add_argument("file")
    p.add_argument("--on-sale", action="store_true", dest="on_sale",
                   help=tr("不含已下架", "leave out retired goods"))
    p.set_defaults(run=product_export)
    p = pr.add_parser("picture", help=tr("给商品配图片", "give a product a picture"))
    p.add_argument("item")
    p.add_argument("image", nargs="?", default=None)
    p.add_argument("--remove", action="store_true", help=tr("去掉图片", "take the picture away"))
    operator_options(p)
    p.set_defaults(run=product_picture)


def _row_json(row: imports.ImportRow) -> dict:
    return {"row": row.number, **row.values, "code": row.code, "error": row.error}


def _row_line(row: imports.ImportRow) -> list[str]:
    v = row.values
    verdict = row.error or tr("可以导入", "ok")
    return [tr(f"第 {row.number} 行", f"row {row.number}"), v.get("name", ""), v.get("price", ""),
            row.code or v.get("barcode", ""), ("✗ " if row.error else "✓ ") + verdict]


def product_import(args, out) -> int | None:
    with acting(args) as ctx:
        if not args.preview:
            count = imports.import_products(ctx, args.file)
            out.emit({"imported": count}, tr(f"已导入 {count} 种商品", f"Imported {count} products"))
            return None
        preview = imports.preview_products(ctx, args.file)
    bad = len(preview.errors)
    shown = preview.rows if bad == 0 else preview.errors
    summary = tr(f"共 {len(preview.rows)} 行，{bad} 行有错。", f"{len(preview.rows)} rows, {bad} with errors.") \
        + (tr("没有写入任何内容；去掉 --preview 即可导入。", " Nothing written; run without --preview to import.")
           if bad == 0 else tr("没有写入任何内容；改好后再导入。", " Nothing written; fix them, then import."))
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
             tr(f"已导出 {count} 种商品到 {args.file}", f"Exported {count} products to {args.file}"))


def product_picture(args, out) -> int | None:
    if not args.remove and not args.image:
        print(tr("请给出图片文件，或用 --remove 去掉图片。", "Give an image file, or --remove."),
              file=sys.stderr)
        return 2
    picture = None if args.remove else catalogue_pictures.prepare(args.image)
    with acting(args) as ctx:
        d = catalogue.set_picture(ctx, args.item, picture)
    p = d.product
    out.emit({"product": p.name, "code": p.code, "picture": d.picture is not None,
              "width": picture.width if picture else None, "height": picture.height if picture else None},
             tr(f"{p.name}：已换上图片（{picture.width}×{picture.height}）", f"{p.name}: picture set"
                f" ({picture.width}×{picture.height})") if picture else tr(f"{p.name}：已去掉图片",
                                                                          f"{p.name}: picture removed"))
    return None
